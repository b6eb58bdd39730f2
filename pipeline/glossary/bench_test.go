package glossary

import "testing"

const benchText = "Загалом завдяки більш ніж пʼятдесяти обмінам між Москвою та Києвом додому повернули близько 3\u00a0767 українських військовополонених і депортованих цивільних. Проте, за останніми даними, Росія досі утримує в полоні 14\u00a0000 громадян України, і про стан більшості з них нічого не відомо."

// BenchmarkSplit splits a Ukrainian paragraph of the seed article.
func BenchmarkSplit(b *testing.B) {
	for b.Loop() {
		Split(benchText, "uk")
	}
}

// BenchmarkSplitPseudo splits a pseudo-translated paragraph (accented
// Latin letters, as l10n pseudo writes them).
func BenchmarkSplitPseudo(b *testing.B) {
	const text = "⟦Ṽííķţööŕ Šááṽçĥééñķöö, áá łááŵýýééŕ ŕééþŕééšééñţííñğ ţĥéé ƒááɱííłííééš, ááçķñööŵłééđğééđ ţĥéé ƒííğüüŕééš ŵééŕéé ŵííđéé§þŕééááđ. ÎÎñ ÎÎšţááñƀüüł, ááţ łééááš ţ 79,166 ŕééƒüüğééééš ŵééŕéé éé ṽááçüüááţééđ.⟧"
	for b.Loop() {
		Split(text, "uk")
	}
}

// BenchmarkFind finds the seed glossary's terms in an English paragraph.
func BenchmarkFind(b *testing.B) {
	g, err := Load("../../glossary.yaml")
	if err != nil {
		b.Fatal(err)
	}
	w := Split("In total, about 3,767 Ukrainian prisoners of war and deported civilians have been returned home as a result of over fifty exchanges between Moscow and Kyiv. However, according to the latest data, 14,000 Ukrainian citizens are still in captivity in Russia, and the condition of most of them is unknown.", "en")
	for b.Loop() {
		g.Find(w)
	}
}

// BenchmarkSplitEnglish splits an English paragraph (a source text).
func BenchmarkSplitEnglish(b *testing.B) {
	const text = "In total, about 3,767 Ukrainian prisoners of war and deported civilians have been returned home as a result of over fifty exchanges between Moscow and Kyiv. However, according to the latest data, 14,000 Ukrainian citizens are still in captivity in Russia, and the condition of most of them is unknown."
	for b.Loop() {
		Split(text, "en")
	}
}
