// pseudo-runs.js compares Markdown documents with their pseudo-translated
// editions using commonmark.js, a CommonMark parser independent of the
// goldmark parser that l10n uses, so that a bug the two share in l10n
// cannot hide. The Go tests run it once over a whole corpus.
//
// Input (stdin): {"keep": [names], "docs": [{"name", "source", "pseudo"}]}
// with the Markdown bodies (front matter removed). Output (stdout):
// {"docs": n, "runs": n, "problems": [{"name", "problem"}]}.
//
// For each document it checks that the two parse to the same tree apart
// from prose: the same block and inline nodes in the same order, the same
// link and image destinations and titles, the same code (spans and
// blocks, with their info strings) and the same raw HTML (blocks and
// inline). Prose is each run of text nodes (with the line breaks between
// them) between two other nodes. Every run of the source that holds a
// letter must come out changed, without an ASCII letter left, once the
// parts of it that are not prose to l10n are set aside: Hugo shortcodes
// and template actions and the project's placeable patterns, bare URLs
// and e-mail addresses (GFM autolinks, which CommonMark does not have),
// the glossary's keep-as-is names, and the marker of an alert ("> [!NOTE]").
"use strict";

const commonmark = require("commonmark");

// Placeables are set aside in the Markdown itself, before parsing, as
// they can hold what CommonMark reads as code spans or HTML: each of
// their characters but white space becomes U+E000 (a private-use
// character, neither a letter nor Markdown), the same in both texts. As
// in l10n, the leftmost of a code span and a placeable wins, and a
// placeable stays within a paragraph (no blank line).
const inPara = "(?:[^\\n]|\\n(?![ \\t]*\\n))*?";
const hugo = [
  "\\{\\{<" + inPara + ">\\}\\}", // shortcode
  "\\{\\{%" + inPara + "%\\}\\}", // shortcode (Markdown)
  "\\{\\{" + inPara + "\\}\\}", // template action
];

// Text that runs of prose may hold and l10n does not translate.
const notProse = [
  /(?:(?:https?|ftp):\/\/|www\.)[^\s<]*/gi, // GFM extended autolink
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // GFM e-mail autolink
];

function maskPlaceables(md, patterns) {
  const res = hugo.concat(patterns).map((p) => new RegExp(p, "y"));
  let out = "";
  for (let i = 0; i < md.length; ) {
    const c = md[i];
    if (c === "\\") {
      out += md.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === "`") {
      let n = 0;
      while (md[i + n] === "`") n++;
      const end = codeSpanEnd(md, i + n, n);
      out += md.slice(i, end);
      i = end;
      continue;
    }
    let hit = "";
    for (const re of res) {
      re.lastIndex = i;
      const m = re.exec(md);
      if (m && m[0].length > 0) {
        hit = m[0];
        break;
      }
    }
    if (hit) {
      out += hit.replace(/\S/g, "\uE000");
      i += hit.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

// codeSpanEnd returns where the code span that opens with n backticks
// before i ends: after the next run of exactly n backticks in the
// paragraph, or i when there is none.
function codeSpanEnd(md, i, n) {
  for (let j = i; j < md.length; ) {
    if (md[j] === "\n" && /^\n[ \t]*\n/.test(md.slice(j, j + 100))) return i;
    if (md[j] !== "`") {
      j++;
      continue;
    }
    let m = 0;
    while (md[j + m] === "`") m++;
    if (m === n) return j + m;
    j += m;
  }
  return i;
}

function main() {
  const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const extra = input.patterns || [];
  const keep = (input.keep || []).filter((k) => k !== "");
  const out = { docs: 0, runs: 0, problems: [] };
  const parser = new commonmark.Parser();
  for (const doc of input.docs) {
    out.docs++;
    const problem = (p) => out.problems.push({ name: doc.name, problem: p });
    const src = parser.parse(maskPlaceables(doc.source, extra));
    const pse = parser.parse(maskPlaceables(doc.pseudo, extra));
    compare(src, pse, "", problem, (s, p, where) => {
      out.runs++;
      const rest = (t) => {
        for (const re of notProse) t = t.replace(re, " ");
        for (const k of keep) t = t.split(k).join(" ");
        return t;
      };
      const rs = rest(s);
      const rp = rest(p);
      if (!/\p{L}/u.test(rs)) return;
      if (rs === rp) {
        problem(`${where}: text unchanged: ${JSON.stringify(s)}`);
      } else if (/[A-Za-z]/.test(rp)) {
        problem(`${where}: English letters left in ${JSON.stringify(p)} (source ${JSON.stringify(s)})`);
      }
    });
  }
  process.stdout.write(JSON.stringify(out));
}

// attrs describes a node without its prose.
function attrs(n) {
  const a = [n.type];
  switch (n.type) {
    case "link":
    case "image":
      a.push(n.destination, n.title);
      break;
    case "code":
    case "html_inline":
    case "html_block":
      a.push(n.literal);
      break;
    case "code_block":
      a.push(n.info, n.literal);
      break;
    case "heading":
      a.push(n.level);
      break;
    case "list":
      a.push(n.listType, n.listStart, n.listTight, n.listDelimiter);
      break;
  }
  return JSON.stringify(a);
}

// isAutolink reports whether n is an autolink (<https://…>, <a@b.c>):
// a link whose text is its destination.
function isAutolink(n) {
  if (n.type !== "link" || !n.firstChild || n.firstChild !== n.lastChild || n.firstChild.type !== "text") {
    return false;
  }
  const t = n.firstChild.literal;
  return n.destination === t || n.destination === "mailto:" + t || decodeURI(n.destination) === t;
}

const inRun = (n) => n && (n.type === "text" || n.type === "softbreak" || n.type === "linebreak");

// parts splits the children of n into runs of prose (strings, one
// between any two other nodes and at both ends) and the other nodes.
function parts(n) {
  const runs = [""];
  const nodes = [];
  for (let c = n.firstChild; c; c = c.next) {
    if (inRun(c)) {
      runs[runs.length - 1] += c.type === "text" ? c.literal : c.type === "softbreak" ? "\n" : "\u2028";
    } else {
      nodes.push(c);
      runs.push("");
    }
  }
  return { runs, nodes };
}

function compare(s, p, where, problem, run) {
  const here = where + "/" + s.type + (s.sourcepos ? "@" + s.sourcepos[0][0] : "");
  if (attrs(s) !== attrs(p)) {
    problem(`${here}: ${attrs(s)} became ${attrs(p)}`);
    return;
  }
  if (isAutolink(s)) return; // its text is its URL, not prose
  const a = parts(s);
  const b = parts(p);
  if (a.nodes.length !== b.nodes.length) {
    problem(`${here}: ${a.nodes.length} child nodes became ${b.nodes.length}: ${a.nodes.map(attrs)} / ${b.nodes.map(attrs)}`);
    return;
  }
  if (s.type === "paragraph" && s.parent.type === "block_quote" && !s.prev) {
    // An alert's marker (> [!NOTE]) is the site's markup.
    const marker = /^\[![A-Za-z]+\][+-]?/;
    a.runs[0] = a.runs[0].replace(marker, "");
    b.runs[0] = b.runs[0].replace(marker, "");
  }
  for (let i = 0; i < a.runs.length; i++) {
    const breaks = (t) => (t.match(/[\n\u2028]/g) || []).join("");
    if (breaks(a.runs[i]) !== breaks(b.runs[i])) {
      problem(`${here}: line breaks of ${JSON.stringify(a.runs[i])} changed in ${JSON.stringify(b.runs[i])}`);
    } else if (a.runs[i] !== "" || b.runs[i] !== "") {
      run(a.runs[i], b.runs[i], here);
    }
  }
  for (let i = 0; i < a.nodes.length; i++) {
    compare(a.nodes[i], b.nodes[i], here, problem, run);
  }
}

main();
