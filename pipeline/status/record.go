package status

import (
	"github.com/l10n-dev/l10n/pipeline/project"
)

// statusFormat names the layout of status's records and what goes into
// their recipe; change it when either changes.
const statusFormat = "l10n status record 1"

// RecordName returns the name of status's record of an article in a
// locale, in the records file of status (project.RecordsPath).
func RecordName(slug, locale string) string { return locale + "/" + slug }

// records are status's records of a run: each article's row in a
// locale, with the stamps of the article, its source catalog and its
// catalog in the locale as they were when the row was counted, and the
// recipe — l10n's version, the source locale and l10n.yaml (how
// articles are cut into units) — under which it was.
type records struct {
	recipe string
	file   *project.Records
}

// newRecords opens the records of a run.
func newRecords(p *project.Project) *records {
	config, _, _ := p.Settings()
	return &records{
		recipe: project.Digest([]byte(statusFormat), []byte(project.ToolVersion()), []byte(p.Source), config),
		file:   p.OpenRecords("status"),
	}
}

// read returns the row its record keeps for an article in a locale
// whose inputs have the stamps now, if the record is of these inputs.
func (rs *records) read(slug, loc string, now []project.Stamp) (Row, bool) {
	rec, ok := rs.file.Read(RecordName(slug, loc))
	if !ok || now == nil {
		return Row{}, false
	}
	d := project.NewRecordDecoder(rec.Data)
	recipe, then := d.Text(), d.Stamps()
	r := Row{Article: slug, Locale: loc}
	for _, n := range r.counts() {
		*n = int(d.Int())
	}
	if !d.End() || recipe != rs.recipe || !rec.Fresh(now, then) {
		return Row{}, false
	}
	return r, true
}

// encode returns the record of a row counted from inputs with the stamps
// now (nil: none, the inputs could not all be stamped).
func (rs *records) encode(r Row, now []project.Stamp) []byte {
	if now == nil {
		return nil
	}
	e := &project.RecordEncoder{}
	e.Text(rs.recipe)
	e.Stamps(now)
	for _, n := range r.counts() {
		e.Int(int64(*n))
	}
	return e.B
}

// counts returns the counts of a row, in the order a record keeps them.
func (r *Row) counts() []*int {
	return []*int{&r.Units, &r.Translated, &r.Review, &r.Missing, &r.Stale, &r.Obsolete,
		&r.Words, &r.MissingWords, &r.StaleWords, &r.ReviewWords, &r.Conflicts}
}
