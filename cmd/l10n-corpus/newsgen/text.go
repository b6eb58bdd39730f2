package newsgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The vocabulary of the generated articles: a wire service's beats (war,
// humanitarian law, energy, economy, courts, weather, sport), with the
// names and terms of the project's glossary, so that every check family
// has something to find.
var (
	places = []string{"Kyiv", "Kharkiv", "Odesa", "Lviv", "Dnipro", "Zaporizhzhia", "Mykolaiv", "Chernihiv", "Sumy", "Poltava",
		"Moscow", "Geneva", "Brussels", "Warsaw", "Vienna", "Istanbul", "Berlin", "Paris", "London", "Washington"}
	actors = []string{
		"The International Committee of the Red Cross", "The ICRC", "The UN Monitoring Mission", "Ukraine's Foreign Ministry",
		"The Kremlin", "The European Commission", "Naftogaz", "The National Bank of Ukraine", "Local authorities",
		"Human rights groups", "The regional governor", "A spokesperson for the ministry", "Independent analysts",
		"The Ombudsman's office", "Prosecutors", "The State Emergency Service", "The city council", "Kyiv School of Economics researchers",
		"The Coordination Headquarters for the Treatment of Prisoners of War", "Amnesty International",
	}
	verbs = []string{"said", "reported", "confirmed", "warned", "estimated", "announced", "told reporters", "wrote in a statement",
		"argued", "acknowledged", "insisted", "noted"}
	things = []string{"prisoners of war", "civilians", "households", "power stations", "schools", "hospitals", "families",
		"volunteers", "journalists", "soldiers", "children", "refugees", "workers", "companies", "villages", "bridges"}
	events = []string{"the exchange", "the talks", "the shelling", "the blackout", "the trial", "the conference",
		"the evacuation", "the inspection", "the vote", "the summit", "the strike", "the audit", "the repairs"}
	adjectives = []string{"unprecedented", "limited", "gradual", "sharp", "modest", "severe", "temporary", "widespread",
		"significant", "cautious", "controversial", "long-awaited"}
	nouns = []string{"access", "oversight", "funding", "security guarantees", "reconstruction", "inflation", "exports",
		"grain shipments", "humanitarian law", "air defense", "energy supplies", "the budget", "the investigation",
		"the ceasefire proposal", "the reform", "the harvest", "electricity prices"}
	months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
		"November", "December"}
	first = []string{"Anton", "Olena", "Mykhailo", "Iryna", "Taras", "Kateryna", "Dmytro", "Yulia", "Andriy", "Natalia",
		"Serhiy", "Oksana", "Pavlo", "Maria", "Viktor", "Sofia"}
	last = []string{"Zemlianyi", "Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Oliynyk",
		"Lysenko", "Marchenko", "Savchenko", "Rudenko", "Petrenko", "Hrytsenko", "Moroz", "Polishchuk"}
	roles = []string{"a senior fellow at the Razumkov Centre", "a spokesperson for the ICRC", "the deputy mayor",
		"an economist at the National Bank of Ukraine", "a lawyer representing the families", "a volunteer coordinator",
		"the head of the regional administration", "a researcher at Kyiv School of Economics"}
	topics = []string{"Prisoner Exchange", "Energy Grid", "Grain Corridor", "Red Cross Access", "Budget Vote", "Reconstruction Fund",
		"Court Ruling", "Heat Wave", "Air Defense", "Refugee Return", "Inflation Report", "Football Final"}
)

// gen draws the pieces of articles from a seeded generator.
type gen struct{ r *rand.Rand }

func (g gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// grouped formats n with comma thousands separators (3,767).
func grouped(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// count returns a number of people or things: 12, 563, 3,767.
func (g gen) count() string {
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprint(g.between(2, 99))
	case 1:
		return grouped(g.between(1000, 99999))
	}
	return fmt.Sprint(g.between(100, 999))
}

// amount returns a sum or a share: 95%, 4.5%, $3.2 billion, 1,200 hryvnias.
func (g gen) amount() string {
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprintf("%d%%", g.between(3, 97))
	case 1:
		return fmt.Sprintf("$%d.%d billion", g.between(1, 40), g.between(1, 9))
	case 2:
		return fmt.Sprintf("%d.%d%%", g.between(1, 30), g.between(0, 9))
	}
	return grouped(g.between(1000, 99999)) + " hryvnias"
}

// mid returns an actor's name for the middle of a sentence.
func mid(s string) string {
	for _, a := range []string{"The ", "A "} {
		if strings.HasPrefix(s, a) {
			return strings.ToLower(a) + s[len(a):]
		}
	}
	return s
}

// title capitalizes each word.
func title(s string) string {
	w := strings.Fields(s)
	for i := range w {
		w[i] = capital(w[i])
	}
	return strings.Join(w, " ")
}

func (g gen) date() string {
	return fmt.Sprintf("%s %d, %d", g.pick(months), g.between(1, 28), g.between(2022, 2025))
}

func (g gen) person() string { return g.pick(first) + " " + g.pick(last) }

func (g gen) url(words ...string) string {
	slug := strings.ToLower(strings.Join(words, "-"))
	slug = strings.NewReplacer(" ", "-", "'", "", ",", "", ":", "", "%", "").Replace(slug)
	return fmt.Sprintf("https://www.example.com/%d/%02d/%02d/%s", g.between(2022, 2025), g.between(1, 12), g.between(1, 28), slug)
}

// link wraps words in a Markdown link, now and then.
func (g gen) link(s string) string {
	if g.r.IntN(4) != 0 {
		return s
	}
	return "[" + s + "](" + g.url(strings.Fields(s)...) + ")"
}

// styled puts emphasis on a phrase, now and then.
func (g gen) styled(s string) string {
	switch g.r.IntN(10) {
	case 0:
		return "**" + s + "**"
	case 1:
		return "*" + s + "*"
	}
	return s
}

// sentence returns one sentence of news prose.
func (g gen) sentence() string {
	var s string
	switch g.r.IntN(12) {
	case 0:
		s = fmt.Sprintf("%s %s that %s %s had been affected since %s.", g.pick(actors), g.pick(verbs), g.count(), g.link(g.pick(things)), g.date())
	case 1:
		s = fmt.Sprintf("According to %s, %s %s remain without %s in %s.", g.link("the latest data"), g.count(), g.pick(things), g.pick(nouns), g.pick(places))
	case 2:
		s = fmt.Sprintf("%s %s that %s in %s would resume on %s.", g.pick(actors), g.pick(verbs), g.pick(events), g.pick(places), g.date())
	case 3:
		s = fmt.Sprintf("The %s %s followed months of %s over %s.", g.pick(adjectives), g.pick(events)[4:], g.styled("negotiations"), g.link(g.pick(nouns)))
	case 4:
		s = fmt.Sprintf("In %s, at least %s %s were evacuated after %s damaged %s.", g.pick(places), g.count(), g.pick(things), g.pick(events), g.pick(nouns))
	case 5:
		s = fmt.Sprintf("Officials in %s put the cost of %s at %s, up from %s a year earlier.", g.pick(places), g.pick(nouns), g.amount(), g.amount())
	case 6:
		s = fmt.Sprintf("%s has called on Russia to allow access to all places where prisoners of war are held, %s %s.", g.pick(actors), "its officials said", g.styled("repeatedly"))
	case 7:
		s = fmt.Sprintf("The decision, announced in %s, drew a %s response from %s.", g.pick(places), g.pick(adjectives), g.link(g.person()))
	case 8:
		s = fmt.Sprintf("Since %s, %s of %s have reported %s shortages of %s.", g.date(), fmt.Sprintf("%d%%", g.between(3, 97)), g.pick(things), g.pick(adjectives), g.pick(nouns))
	case 9:
		s = fmt.Sprintf("%s, %s, %s the figures were %s.", g.person(), g.pick(roles), g.pick(verbs), g.styled(g.pick(adjectives)))
	case 10:
		s = fmt.Sprintf("Neither %s nor the Kremlin responded to a request for comment about %s.", mid(g.pick(actors)), g.link(g.pick(events)))
	default:
		s = fmt.Sprintf("%s in %s is expected to cost %s over %d years, %s.", capital(g.pick(nouns)), g.pick(places), g.amount(), g.between(2, 10), "officials said")
	}
	return capital(s)
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// paragraph returns 2–5 sentences.
func (g gen) paragraph() string {
	n := g.between(2, 5)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = g.sentence()
	}
	return strings.Join(parts, " ")
}

// headline returns an article's headline.
func (g gen) headline() string {
	topic, place, noun := g.pick(topics), g.pick(places), title(g.pick(nouns))
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s Talks Stall as %s Presses for %s", topic, place, noun)
	case 1:
		return fmt.Sprintf("%s: What the New Figures Show", topic)
	case 2:
		return fmt.Sprintf("Families Wait as %s Drags On in %s", topic, place)
	case 3:
		return fmt.Sprintf("%s Deal Reached After %d Hours of Talks", topic, g.between(12, 72))
	case 4:
		return fmt.Sprintf("Why the %s Matters for %s", topic, place)
	}
	return fmt.Sprintf("%s Plan Faces Criticism in %s", topic, place)
}
