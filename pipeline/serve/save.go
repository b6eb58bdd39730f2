package serve

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/lock"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/internal/uitext"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// saveRequest is a unit's translation to save: its text, and what the
// page showed when it was loaded (the text and hash of the entry, the
// hash of the English), to notice a change on disk meanwhile.
type saveRequest struct {
	Unit string `json:"unit"`
	Text string `json:"text"`
	// Base and BaseHash are the entry's text and hash as the page had
	// them; Source is the hash of the unit's English then.
	Base     string `json:"base"`
	BaseHash string `json:"base_hash"`
	Source   string `json:"source"`
	// Confirm confirms a stale translation against the current English
	// (as deleting its hash line in the catalog does).
	Confirm bool `json:"confirm"`
}

// saveResult is the answer to a save: the unit as saved, or the refusal
// with both texts.
type saveResult struct {
	Saved    bool          `json:"saved"`
	State    string        `json:"state"`
	Text     string        `json:"text"`
	Hash     string        `json:"hash"`
	Findings []findingView `json:"findings"`
	// Conflict is set when the unit changed on disk since the page was
	// loaded: Disk and DiskHash are what the catalog holds now.
	Conflict bool   `json:"conflict,omitempty"`
	Disk     string `json:"disk,omitempty"`
	DiskHash string `json:"disk_hash,omitempty"`
	// SourceChanged is set when the unit's English changed (or the unit
	// is gone) since the page was loaded.
	SourceChanged bool   `json:"source_changed,omitempty"`
	Message       string `json:"message,omitempty"`
	// ToDo says how many units of the catalog are missing or stale
	// after the save, in the page's language.
	ToDo string `json:"to_do,omitempty"`
	left int
}

// conflictPage is what the conflict template shows (a save refused,
// without JavaScript).
type conflictPage struct {
	UI           *ui
	Slug, Locale string
	Req          saveRequest
	Res          saveResult
	Token        string
	Back         string
}

// save saves one unit's translation into its catalog. The catalog is
// read again: if the unit's entry is not what the page showed (someone
// saved it meanwhile, a git pull changed it), nothing is written and the
// answer (409) shows both texts; the saves of other units that landed
// meanwhile stay, since only this unit is changed in the catalog as it is
// now. The write goes through internal/stage, which writes nothing if
// the file changed between reading and writing it (then the save is
// tried again on the new file).
func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	u := interfaceLanguage(w, r)
	slug, loc, err := s.target(r)
	if err != nil {
		s.answerError(w, r, u, err)
		return
	}
	req, err := readSave(r)
	if err != nil {
		s.answerError(w, r, u, err)
		return
	}
	res, err := s.saveUnit(slug, loc, req)
	if err != nil {
		s.answerError(w, r, u, err)
		return
	}
	if res.SourceChanged {
		res.Message = u.T("serve-source-changed")
	}
	if res.Saved {
		res.ToDo = u.N("serve-to-do", res.left)
	}
	code := http.StatusOK
	if !res.Saved {
		code = http.StatusConflict
	}
	if wantsJSON(r) {
		writeJSON(w, code, res)
		return
	}
	back := "/edit/" + url.PathEscape(slug) + "/" + url.PathEscape(loc) + "#u-" + req.Unit
	if res.Saved {
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	var b strings.Builder
	if err := s.pages.ExecuteTemplate(&b, "conflict.html", conflictPage{UI: u, Slug: slug, Locale: loc, Req: req, Res: *res, Token: s.token, Back: back}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", pagePolicy)
	w.WriteHeader(code)
	_, _ = w.Write([]byte(b.String()))
}

// readSave reads a save from a JSON body or a form.
func readSave(r *http.Request) (saveRequest, error) {
	var req saveRequest
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			return req, badRequest(err)
		}
	} else {
		if err := r.ParseForm(); err != nil {
			return req, badRequest(err)
		}
		req = saveRequest{Unit: r.PostForm.Get("unit"), Text: r.PostForm.Get("text"),
			Base: r.PostForm.Get("base"), BaseHash: r.PostForm.Get("base_hash"),
			Source: r.PostForm.Get("source"), Confirm: r.PostForm.Get("confirm") != ""}
	}
	// A browser's text area sends CRLF line breaks.
	req.Text = strings.ReplaceAll(req.Text, "\r\n", "\n")
	req.Base = strings.ReplaceAll(req.Base, "\r\n", "\n")
	if req.Unit == "" {
		return req, badRequest(errors.New("no unit named"))
	}
	return req, nil
}

// saveUnit applies a save to the catalog as it is on disk now.
func (s *Server) saveUnit(slug, loc string, req saveRequest) (*saveResult, error) {
	s.saving.Lock()
	defer s.saving.Unlock()
	release, err := s.pr.lockProject(s.wait)
	if err != nil {
		return nil, err
	}
	defer release()
	for attempt := 0; ; attempt++ {
		a, err := s.article(slug)
		if err != nil {
			return nil, err
		}
		i := slices.Index(a.ids, req.Unit)
		if i < 0 || (req.Source != "" && req.Source != a.hashes[i]) {
			return &saveResult{SourceChanged: true, Text: req.Text}, nil
		}
		f, snap, err := s.pr.readCatalog(slug, loc)
		if err != nil {
			return nil, err
		}
		e := f.Lookup(req.Unit)
		if e == nil {
			return &saveResult{SourceChanged: true, Text: req.Text}, nil
		}
		if e.Other != req.Base || e.Hash != req.BaseHash {
			return &saveResult{Conflict: true, Text: req.Text, Disk: e.Other, DiskHash: e.Hash, State: a.stateOf(e, i)}, nil
		}
		was := a.stateOf(e, i)
		e.Other = req.Text
		// Saving is the translator's word on the text: a pre-fill from the
		// memory is confirmed (its review line goes).
		project.Confirm(e)
		if req.Confirm || was == stateMissing {
			e.Hash, e.Previous = a.hashes[i], ""
		}
		// Every line of the file is written back as it was read but
		// this entry's value: the generated notes as the file showed
		// them, the header, the translators' comments.
		data := f.Encode(nil, func(e *catalog.Entry) []string { return e.Notes })
		if s.beforeWrite != nil {
			s.beforeWrite(attempt)
		}
		err = s.pr.writeCatalog(slug, loc, data, snap)
		if errors.Is(err, stage.ErrChanged) && attempt < 3 {
			continue // changed between reading and writing: look again
		}
		if err != nil {
			return nil, err
		}
		res := &saveResult{Saved: true, Text: e.Other, Hash: e.Hash, State: a.stateOf(e, i)}
		res.Findings = s.checkText(a, i, loc, e)
		for k, id := range a.ids {
			if st := a.stateOf(f.Lookup(id), k); st == stateMissing || st == stateStale {
				res.left++
			}
		}
		return res, nil
	}
}

// checkRequest is a unit's text to check as the translator types.
type checkRequest struct {
	Unit string `json:"unit"`
	Text string `json:"text"`
}

// checkUnit answers the findings of l10n check for a unit's text, as the
// translator types it: the checks of one unit (all but spelling and the
// checks across units).
func (s *Server) checkUnit(w http.ResponseWriter, r *http.Request) {
	u := interfaceLanguage(w, r)
	slug, loc, err := s.target(r)
	if err != nil {
		s.answerError(w, r, u, err)
		return
	}
	var req checkRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		s.answerError(w, r, u, badRequest(err))
		return
	}
	a, err := s.article(slug)
	if err != nil {
		s.answerError(w, r, u, err)
		return
	}
	i := slices.Index(a.ids, req.Unit)
	if i < 0 {
		s.answerError(w, r, u, errNotFound)
		return
	}
	f, _, err := s.pr.readCatalog(slug, loc)
	if err != nil {
		s.answerError(w, r, u, err)
		return
	}
	e := &catalog.Entry{ID: req.Unit}
	if old := f.Lookup(req.Unit); old != nil {
		c := *old
		e = &c
	}
	e.Other = strings.ReplaceAll(req.Text, "\r\n", "\n")
	writeJSON(w, http.StatusOK, struct {
		Findings []findingView `json:"findings"`
	}{s.checkText(a, i, loc, e)})
}

// checkText runs the checks of one unit on an entry's text, with the
// suppressions its comments hold.
func (s *Server) checkText(a *article, i int, loc string, e *catalog.Entry) []findingView {
	out := []findingView{}
	if strings.TrimSpace(e.Other) == "" {
		return append(out, findingView{Check: check.Missing, Severity: check.Error.String(), Message: "not translated"})
	}
	c := s.checker(loc).WithInline(a.doc.Tree)
	u := &a.doc.Units[i]
	found := c.Check(parseUnit(c, a.doc, i, u.Text, true), parseUnit(c, a.doc, i, e.Other, false), u.SingleLine)
	return append(out, suppressed(found, e)...)
}

// suppressed applies the l10n:ignore comments of an entry to its
// findings, and adds the malformed ones, as l10n check does (the
// consistency check, across units, is not run here).
func suppressed(found []check.Finding, e *catalog.Entry) []findingView {
	out := []findingView{}
	for _, x := range suppressUnit(found, e) {
		out = append(out, findingView{Check: x.Check, Severity: x.Severity.String(), Message: x.Message})
	}
	return out
}

// errBadRequest marks a request the server cannot read.
var errBadRequest = errors.New("bad request")

func badRequest(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return errTooLarge
	}
	return errors.Join(errBadRequest, err)
}

// errTooLarge is a request body over maxBody.
var errTooLarge = errors.New("request too large")

// wantsJSON reports whether a request asks for JSON (the page's script).
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json") || strings.HasPrefix(r.Header.Get("Content-Type"), "application/json")
}

// writeJSON writes a JSON answer.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// answerError answers a failed request: as JSON to the page's script, as
// a page otherwise.
func (s *Server) answerError(w http.ResponseWriter, r *http.Request, u *ui, err error) {
	code := http.StatusInternalServerError
	var busy *lock.BusyError
	// A catalog that kept changing while a save wrote it: the file is
	// fine, the moment was not.
	var changed *fileerr.Error
	if !errors.Is(err, stage.ErrChanged) || !errors.As(err, &changed) {
		changed = nil
	}
	switch {
	case errors.As(err, &busy), changed != nil:
		code = http.StatusServiceUnavailable
	case errors.Is(err, errNotFound):
		code = http.StatusNotFound
	case errors.Is(err, errTooLarge):
		code = http.StatusRequestEntityTooLarge
	case errors.Is(err, errBadRequest):
		code = http.StatusBadRequest
	}
	var fe *fileerr.Error
	if code == http.StatusInternalServerError && errors.As(err, &fe) {
		code = http.StatusBadRequest // a file of the project to fix
	}
	msg := err.Error()
	switch code {
	case http.StatusServiceUnavailable:
		if changed != nil {
			msg = u.l.Text("serve-err-changed", uitext.Args{"File": changed.File})
		} else {
			msg = u.l.Text("serve-err-busy", uitext.Args{"Holder": busy.Holder.String()})
		}
	case http.StatusNotFound:
		msg = u.T("serve-err-not-found")
	case http.StatusRequestEntityTooLarge:
		msg = u.T("serve-err-too-large")
	case http.StatusBadRequest:
		if fe == nil {
			msg = u.T("serve-err-bad-request")
		}
	}
	if wantsJSON(r) {
		writeJSON(w, code, map[string]string{"error": msg})
		return
	}
	if code == http.StatusInternalServerError || fe != nil {
		s.fail(w, r, u, err)
		return
	}
	http.Error(w, msg, code)
}
