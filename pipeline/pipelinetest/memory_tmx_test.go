package pipelinetest_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/internal/toolkit"
	"github.com/l10n-dev/l10n/pipeline/exchange"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tmx"
)

// exportIsTheMemorys returns what l10n tm export writes of a project,
// which writes it a catalog folder at a time (memory.WriteTMX), having
// checked that it is byte for byte what the memory that memory.Load
// builds whole gives (tm.Memory.TMX).
func exportIsTheMemorys(t *testing.T, p *project.Project) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := exchange.ExportMemory(p, nil, &b); err != nil {
		t.Fatal(err)
	}
	locs, err := exchange.ExportLocales(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	q := *p
	q.Memory.Sentences = false
	m, err := memory.Load(&q, locs)
	if err != nil {
		t.Fatal(err)
	}
	if want := tmx.Encode(m.TMX(locs...)); !bytes.Equal(b.Bytes(), want) {
		t.Fatalf("tm export wrote %d bytes, the memory built whole %d:\n%.2000s\n---\n%.2000s", b.Len(), len(want), b.Bytes(), want)
	}
	return b.Bytes()
}

// TestTMExportIsTheMemorys: on 40 generated articles, whose catalogs
// have translations to review, stale and missing ones, tm export writes
// what the memory built whole gives.
func TestTMExportIsTheMemorys(t *testing.T) {
	dir := t.TempDir()
	if _, err := newsgen.Write(dir, newsgen.Options{N: 40, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	n := openNewsroom(t, dir)
	n.extract(extract.Options{}) // pre-fills to review
	if data := exportIsTheMemorys(t, n.p); !bytes.Contains(data, []byte("needs-review")) {
		t.Errorf("no translation to review in the export")
	}
}

// TestTMExportReadByToolkit: l10n tm export's TMX is read back by
// Translate Toolkit's tmx storage, every unit of the seed with its
// English and its translation in each locale, Markdown intact; a
// pre-filled translation to review carries the needs-review property.
func TestTMExportReadByToolkit(t *testing.T) {
	python := toolkit.Python(t)
	n := withSecond(t)
	n.extract(extract.Options{})
	data := exportIsTheMemorys(t, n.p)
	doc, err := tmx.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	review := 0
	for _, u := range doc.Units {
		for _, v := range u.Variants {
			for _, p := range v.Props {
				if p.Type == "x-l10n-state" && p.Value == "needs-review" {
					review++
				}
			}
		}
	}
	rows := n.status(project.Selection{})
	wantReview, wantUnits := 0, 0
	for _, r := range rows {
		wantReview += r.Review
		if r.Locale == "uk" {
			wantUnits += r.Translated + r.Review + r.Stale
		}
	}
	if review != wantReview || review == 0 {
		t.Errorf("%d variants to review, status counts %d", review, wantReview)
	}
	path := filepath.Join(t.TempDir(), "memory.tmx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import json, sys
from translate.storage import tmx
f = tmx.tmxfile.parsefile(sys.argv[1])
out = []
for u in f.units:
    out.append({"id": u.getid(), "source": u.source, "uk": u.gettarget("uk"), "ru": u.gettarget("ru")})
json.dump(out, sys.stdout, ensure_ascii=False)
`
	out, err := exec.Command(python, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("Translate Toolkit: %v\n%s", err, out)
	}
	var units []struct{ ID, Source, UK, RU string }
	if err := json.Unmarshal(out, &units); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(units) != wantUnits {
		t.Fatalf("Translate Toolkit read %d units, the catalogs have %d translated", len(units), wantUnits)
	}
	byID := map[string]int{}
	for i, u := range units {
		byID[u.ID] = i
	}
	for _, slug := range []string{seed, second} {
		en := n.catalog(slug, "en")
		uk, ru := n.catalog(slug, "uk"), n.catalog(slug, "ru")
		for _, e := range uk.Entries {
			if e.Other == "" {
				continue
			}
			i, ok := byID[slug+"/"+e.ID]
			if !ok {
				t.Errorf("%s/%s: not read back", slug, e.ID)
				continue
			}
			u := units[i]
			if u.Source != en.Lookup(e.ID).Other || u.UK != e.Other || u.RU != ru.Lookup(e.ID).Other {
				t.Errorf("%s/%s: read back %q %q %q", slug, e.ID, u.Source, u.UK, u.RU)
			}
		}
	}
}

// TestTMXFilesJoinMemory: the TMX files in tm/ join the memory. The
// seed's Ukrainian catalog, exported as PO and converted by Translate
// Toolkit's po2tmx, pre-fills every unit of the seed once the catalog is
// gone; a hand-written TMX with <bpt>/<ept>/<ph> codes of an HTML
// source (variants in uk-UA) pre-fills a unit of the same HTML and
// suggests for a similar one.
func TestTMXFilesJoinMemory(t *testing.T) {
	po2tmx := toolkit.Command(t, "po2tmx", "translate-toolkit")
	n := newNewsroom(t)
	want := n.catalog(seed, "uk")
	data, err := exchange.Export(n.p, exchange.ExportOptions{Format: exchange.FormatPO, Locale: "uk", Date: time.Date(2024, 12, 3, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "uk.po")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(n.path(project.MemoryDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(po2tmx, "--progress=none", "-l", "uk", in, n.path("tm/agency.tmx")).CombinedOutput(); err != nil {
		t.Fatalf("po2tmx: %v\n%s", err, msg)
	}
	hand, err := os.ReadFile(filepath.Join("..", "tmx", "testdata", "inline.tmx"))
	if err != nil {
		t.Fatal(err)
	}
	n.write("tm/wire.tmx", string(hand))
	if err := os.Remove(n.path(project.CatalogPath(seed, "uk"))); err != nil {
		t.Fatal(err)
	}
	n.write(project.ArticlePath("wire"), "# Wire\n\nThe <b>ICRC</b> has not responded.<br/>\n\nSee <a title=\"the archive\">the maps</a>.\n")
	n.extract(extract.Options{})
	got := n.catalog(seed, "uk")
	filled := 0
	for _, w := range want.Entries {
		e := got.Lookup(w.ID)
		if w.Other == "" {
			continue
		}
		if e.Other != w.Other {
			t.Errorf("%s: pre-filled %q, want %q", w.ID, e.Other, w.Other)
			continue
		}
		m := memoryLines(e)
		if len(m) != 1 || !strings.HasPrefix(m[0], "tm: 100% tm/agency.tmx:") {
			t.Errorf("%s: memory notes %q", w.ID, m)
		}
		filled++
	}
	if filled < 20 {
		t.Errorf("%d units pre-filled from po2tmx's TMX", filled)
	}
	wire := n.catalog("wire", "uk")
	if e := wire.Lookup("p-the-b-icrc"); e == nil || e.Other != "<b>МКЧХ</b> не відповів.<br/>" || !project.NeedsReview(e) {
		t.Errorf("from the hand-written TMX: %+v", e)
	} else if m := memoryLines(e); len(m) != 1 || m[0] != "tm: 100% tm/wire.tmx:13" {
		t.Errorf("from the hand-written TMX: notes %q", m)
	}
	if e := wire.Lookup("p-see-a-title"); e == nil || e.Other != "" {
		t.Errorf("the similar unit: %+v", e)
	} else if m := memoryLines(e); len(m) != 1 || !strings.HasPrefix(m[0], "tm ") || !strings.HasSuffix(m[0], `→ Див. <a title="архів">мапу</a>.`) {
		t.Errorf("the similar unit's suggestions: %q", m)
	}
	// A TMX file that is not one is an input error naming it.
	n.write("tm/broken.tmx", "<tmx version=\"1.4\"><body><tu>")
	if _, err := extract.Run(n.p, extract.Options{}); err == nil || !strings.Contains(err.Error(), "tm/broken.tmx") {
		t.Errorf("a broken TMX: %v", err)
	}
}
