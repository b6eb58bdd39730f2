package edition_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/edition"
)

// fragmentPolicy is the bluemonday policy that sanitizeFragment
// reimplements (the edition's sanitizer until l10n stopped paying for
// bluemonday's package initialisation in every process): the test's
// oracle.
var fragmentPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("em", "strong", "del", "code", "br")
	p.AllowAttrs("href", "title").OnElements("a")
	p.AllowAttrs("src", "alt", "title").OnElements("img")
	p.AllowURLSchemes(edition.Schemes...)
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	return p
}()

// placeholder is a placeholder as fragment writes one, with a nonce.
const placeholder = "\uE0000123456789abcdef-0\uE001"

// sanitizerCases are raw HTML fragments: the OWASP XSS filter evasion
// cheat sheet's cases, the corners of bluemonday's behaviour, and the
// markup l10n's renderer writes, with placeholders.
var sanitizerCases = []string{
	// Scripts and styles.
	`<script>alert(1)</script>after`,
	`<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>after`,
	`<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>`,
	`<<SCRIPT>alert("XSS");//\<</SCRIPT>`,
	`<SCRIPT SRC=http://xss.rocks/xss.js?< B >`,
	`<script>never closed <em>x</em>`,
	`<script/>text after a self-closing script</script>after`,
	`<style>li {list-style-image: url("javascript:alert('XSS')");}</style><UL><LI>XSS</br>`,
	`<style/>x</style>y`,
	`<em><script>a</script>b</em>`,
	`<script>a</script >b<script>c</SCRIPT>d`,
	`</script>text`,
	`<svg><script>alert(1)</script></svg>`,
	`<svg/onload=alert('XSS')>`,
	`<b><script>x</b>y`,
	`<scrİpt>x</scrİpt>`,
	// Elements whose content goes.
	`<iframe src="javascript:alert(1)"></iframe>after`,
	`<iframe src=http://xss.rocks/scriptlet.html <`,
	`</TITLE><SCRIPT>alert("XSS");</SCRIPT>`,
	`<title>x</title>y`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	`<object><param name="x"><em>y</em></object>z`,
	`<frameset><frame src=x></frameset>after`,
	`<nostyle>x</nostyle>y`,
	`</iframe><iframe>x</iframe>y<em>z</em>`,
	`<object><object>a</object>b</object>c`,
	`<iframe/>x`,
	`<noembed><em>x</em></noembed>y`,
	`<noframes>x</noframes>y`,
	// Raw text elements that are not dropped.
	`<textarea><script>alert(1)</script></textarea>`,
	`<xmp><script>alert(1)</script></xmp>`,
	`<plaintext><b>x</b>`,
	// Links and images.
	`<IMG SRC="javascript:alert('XSS');">`,
	`<IMG SRC=javascript:alert('XSS')>`,
	`<IMG SRC=JaVaScRiPt:alert('XSS')>`,
	"<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
	`<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\>`,
	`<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`,
	`<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097>`,
	`<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61>`,
	"<IMG SRC=\"jav\tascript:alert('XSS');\">",
	`<IMG SRC="jav&#x09;ascript:alert('XSS');">`,
	`<IMG SRC="jav&#x0A;ascript:alert('XSS');">`,
	`<IMG SRC="jav&#x0D;ascript:alert('XSS');">`,
	`<IMG SRC=" &#14;  javascript:alert('XSS');">`,
	`<IMG SRC="java\x00script:alert(1)">`,
	"<a href=\"java\x00script:alert(1)\">x</a>",
	"<a href=\"\u00a0javascript:alert(1)\">x</a>",
	"<a href=\"\u200bjavascript:alert(1)\">x</a>",
	"<a href=\" \t\n javascript:alert(1) \">x</a>",
	"<a href=\"http://example.org/\u00a0\">x</a>",
	`<a href="&#x6A;avascript:alert(1)">x</a>`,
	`<a href="javascript&colon;alert(1)">x</a>`,
	`<a href="javascript:alert(1)" title="t">x</a>`,
	`<A HREF="http://66.102.7.147/">XSS</A>`,
	"<A HREF=\"h\ntt\tp://6\t6.000146.0x7.147/\">XSS</A>",
	`<A HREF="//www.google.com/">XSS</A>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
	"<a href=\"data:text/html;base64,PHNjcmlw\ndD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
	`<img src="data:image/png;base64,iVBORw0KGgo=" alt="a">`,
	`<a href="vbscript:msgbox(1)">x</a>`,
	`<a href="HTTPS://EXAMPLE.ORG/A?b=c&amp;d=e#f">x</a>`,
	`<a href="mailto:a@example.org">x</a> <a href="tel:+380">y</a> <a href="ftp://x/">z</a>`,
	`<a href="http://a b/">x</a>`,
	`<a href="%zz">x</a>`,
	`<a href="http://[::1">x</a>`,
	`<a href="?">x</a> <a href="#">y</a> <a href="">z</a> <a href=" ">w</a>`,
	`<a href="x?a=<b>&c='d'">x</a>`,
	`<a href="x?%3Cb%3E=1">x</a>`,
	`<a href="/p%20q/r s">x</a>`,
	`<a href="http://user:pass@example.org:80/p?q#f">x</a>`,
	`<a href="1javascript:alert(1)">x</a>`,
	`<a href="./javascript:alert(1)">x</a>`,
	`<a href=x href=javascript:alert(1)>x</a>`,
	`<a href=javascript:alert(1) href=x>x</a>`,
	`<a href="x" title='"><script>alert(1)</script>'>x</a>`,
	`<a href="x" onclick="alert(1)" style="x" class="y" id="z">x</a>`,
	`<a>x</a>`,
	`<a><img></a>after</a>`,
	`<a><em>x</em></a>`,
	`<a><a>x</a>y</a>z</a>`,
	`<a onclick=x>a<b>b</b></a>c</a>`,
	`<a/>x</a>`,
	`<img>`,
	`<img/>`,
	`<img></img>x</img>`,
	`<img src="x.png" alt="a" title="t" onerror="e">`,
	`<img alt="only alt">`,
	`<img src=x onerror=alert(1)>`,
	`<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">`,
	`<BODY BACKGROUND="javascript:alert('XSS')">`,
	`<IMG DYNSRC="javascript:alert('XSS')">`,
	`<IMG LOWSRC="javascript:alert('XSS')">`,
	`<BODY onload!#$%&()*~+-_.,:;?@[/|\]^` + "`" + `=alert("XSS")>`,
	`<math><mi xlink:href="javascript:alert(1)">x</mi></math>`,
	`<form action="javascript:alert(1)"><button>x</button></form>`,
	`<base href="javascript:alert(1)//">`,
	`<link rel="stylesheet" href="javascript:alert(1)">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1);">`,
	`<table background="javascript:alert(1)"><td>x</td></table>`,
	`<div style="background-image: url(javascript:alert(1))">x</div>`,
	// The allowed elements and their attributes.
	`<em onclick=x>a</em foo=bar> <strong class=c>b</strong> <del cite="x">c</del> <code>&lt;d&gt;</code>`,
	`a<br>b<br/>c</br>d<br onclick=x>e`,
	`<EM>x</EM><Strong>y</sTRONG>`,
	`</em></strong></del></code></a></img>`,
	`<em>unclosed <strong>too`,
	`<p>para</p><span>span</span><b>b</b><i>i</i>`,
	// Comments, doctypes, CDATA, broken tags.
	`a<!-- c -->b<!-- <script>alert(1)</script> -->c`,
	`<!DOCTYPE html>x`,
	`<![CDATA[<script>alert(1)</script>]]>`,
	`<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->`,
	`a < b > c & d " e ' f`,
	`<`, `</`, `</>`, `<>`, `<a`, `<a href="x`, `<em`, `< em>`, `</ em>`, `<!`, `<!-`, `<?xml x?>y`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`&amp;lt; &#0; &#x110000; &unknown; &nbsp`,
	"\x00<em>\x00</em>\r\n\r",
	" \t\n",
	"",
	// The renderer's markup, with placeholders.
	`<em>a</em> <strong>b</strong> <del>c</del> <code>&lt;d&gt;</code> <a href="#0123456789abcdef-0">e</a> <img src="x.png" alt="g" title="t"> <a href="https://example.org">https://example.org</a> h<br>` + "\ni",
	placeholder + `<kbd>x</kbd>` + placeholder,
	`<a href="#0123456789abcdef-1" title="&quot;t&quot;">` + placeholder + `</a>`,
	`<img src="#0123456789abcdef-2" alt="a &lt;b&gt;">`,
	`<a href="javascript:alert(1)">` + placeholder + `</a>`,
}

// TestSanitizeFragment compares sanitizeFragment with bluemonday's
// policy on the cases above, on every block of the XSS payloads of
// TestXSSPayloadsInBrowser rendered by l10n's renderer, and on the spec
// examples' blocks: a browser reads their output alike (markupOf), and
// sanitizeFragment's output holds only the allowed markup.
func TestSanitizeFragment(t *testing.T) {
	var same int
	inputs := sanitizerInputs(t, true)
	for _, s := range inputs {
		if checkSanitizer(t, s) {
			same++
		}
	}
	t.Logf("%d inputs, %d sanitized byte for byte as bluemonday does", len(inputs), same)
}

// sanitizerInputs returns sanitizerCases and the HTML of the blocks of
// the XSS payloads and of a few paragraphs (and, with spec, of the spec
// examples) as l10n's renderer writes it, raw and as judge hands it to
// the sanitizer.
func sanitizerInputs(t testing.TB, spec bool) []string {
	inputs := slices.Clone(sanitizerCases)
	for _, x := range xssPayloads {
		md := strings.ReplaceAll(x.md, "§", "1")
		if x.def != "" {
			md = strings.ReplaceAll(x.def, "§", "1") + "\n" + md
		}
		inputs = append(inputs, edition.SanitizerInputs(t, "", md)...)
		inputs = append(inputs, edition.SanitizerInputs(t, md, md)...)
	}
	for _, md := range []string{
		"*a* **b** ~~c~~ `<d>` [e](#) [f]() ![g](x.png \"t\") <https://example.org> h\\\ni",
		"[a *b*](https://example.org \"t \\\"q\\\" <x>\") ![`c` *d*](/img.png 'e & f') a@example.org www.example.org",
		"<kbd>Ctrl</kbd> [x](<a b>) [y](http://example.org/%zz) ![z](javascript:alert(1) \"t\")",
	} {
		inputs = append(inputs, edition.SanitizerInputs(t, "", md)...)
		inputs = append(inputs, edition.SanitizerInputs(t, md, md)...)
	}
	if !spec {
		return inputs
	}
	examples, err := corpus.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range examples {
		inputs = append(inputs, edition.SanitizerInputs(t, "", d.Markdown)...)
	}
	return inputs
}

// checkSanitizer checks sanitizeFragment on s against bluemonday and for
// safety, and reports whether the two wrote the same bytes.
func checkSanitizer(t *testing.T, s string) bool {
	t.Helper()
	got := edition.SanitizeFragment(s)
	want := fragmentPolicy.Sanitize(s)
	if g, w := edition.MarkupOf(got), edition.MarkupOf(want); !slices.Equal(g, w) {
		t.Errorf("sanitizeFragment(%q)\n= %q\n  %q,\nbluemonday\n= %q\n  %q", s, got, g, want, w)
	}
	if err := unsafeMarkup(got); err != "" {
		t.Errorf("sanitizeFragment(%q) = %q: %s", s, got, err)
	}
	return got == want
}

// unsafeMarkup parses the sanitizer's output s as a browser parses the
// content of a paragraph and describes the first element, attribute or
// URL in it that the policy does not allow, or returns "".
func unsafeMarkup(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P})
	if err != nil {
		return err.Error()
	}
	allowed := map[string][]string{
		"em": nil, "strong": nil, "del": nil, "code": nil, "br": nil,
		"a": {"href", "title"}, "img": {"src", "alt", "title"},
	}
	var walk func(n *html.Node) string
	walk = func(n *html.Node) string {
		switch n.Type {
		case html.TextNode:
		case html.ElementNode:
			attrs, ok := allowed[n.Data]
			if !ok || n.Namespace != "" {
				return "element " + n.Namespace + " " + n.Data
			}
			for _, a := range n.Attr {
				if a.Namespace != "" || !slices.Contains(attrs, a.Key) {
					return "attribute " + a.Key + " on " + n.Data
				}
				if (a.Key == "href" || a.Key == "src") && edition.UnsafeScheme(a.Val) != "" {
					return "URL " + a.Val
				}
			}
		default:
			return "node " + n.Data
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if err := walk(c); err != "" {
				return err
			}
		}
		return ""
	}
	for _, n := range nodes {
		if err := walk(n); err != "" {
			return err
		}
	}
	return ""
}

// FuzzSanitize compares sanitizeFragment with bluemonday's policy, and
// checks its output's safety, on any fragment. Its seeds leave out the
// spec examples (TestSanitizeFragment has them): hundreds of plain
// blocks would only slow its start.
func FuzzSanitize(f *testing.F) {
	for _, s := range sanitizerInputs(f, false) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSanitizer(t, s)
	})
}
