package serve

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
)

// Loopback reports whether a listening address is on the loopback
// interface only (127.0.0.0/8, ::1, localhost): the one place the
// workbench listens unless told otherwise.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostCheck decides which Host headers name this server: the names of
// its address with its port. A DNS rebinding attack reaches the server
// under a name of the attacker's, which is never one of them; an IP
// literal cannot be rebound, so any is accepted.
type hostCheck struct {
	port  string
	names map[string]bool
}

func newHostCheck(addr string) (hostCheck, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return hostCheck{}, fmt.Errorf("serve: address %q: %w", addr, err)
	}
	h := hostCheck{port: port, names: map[string]bool{"localhost": true}}
	if host != "" && net.ParseIP(host) == nil {
		h.names[strings.ToLower(host)] = true
	}
	return h, nil
}

// allows reports whether a request's Host names the server.
func (h hostCheck) allows(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80"
	}
	if port != h.port {
		return false
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	return h.names[host] || net.ParseIP(strings.Trim(host, "[]")) != nil
}

// guard wraps a handler in the checks every request passes: the Host
// header names this server; a state-changing request comes from one of
// its own pages (same origin, by the browser's Sec-Fetch-Site or Origin
// header) and carries the server's token; its body is size-limited. Each
// response says that pages of other origins may not frame it.
func (s *Server) guard(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hosts.allows(r.Host) {
			refuse(w, r, "serve-err-host", http.StatusMisdirectedRequest)
			return
		}
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := cop.Check(r); err != nil {
				refuse(w, r, "serve-err-origin", http.StatusForbidden)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
				var mb *http.MaxBytesError
				if err := r.ParseForm(); errors.As(err, &mb) {
					refuse(w, r, "serve-err-too-large", http.StatusRequestEntityTooLarge)
					return
				}
			}
			if !s.tokenOK(r) {
				refuse(w, r, "serve-err-token", http.StatusForbidden)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// refuse answers a request the server's checks refuse, in the page's
// language: JSON for the page's script, plain text otherwise.
func refuse(w http.ResponseWriter, r *http.Request, id string, code int) {
	msg := interfaceLanguage(w, r).T(id)
	if wantsJSON(r) {
		writeJSON(w, code, map[string]string{"error": msg})
		return
	}
	http.Error(w, msg, code)
}

// tokenOK reports whether a request carries the server's token, in the
// X-L10n-Token header or the form field token.
func (s *Server) tokenOK(r *http.Request) bool {
	t := r.Header.Get("X-L10n-Token")
	if t == "" {
		t = r.PostFormValue("token")
	}
	return subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) == 1
}

// pagePolicy is the Content-Security-Policy of the workbench's pages:
// its own scripts, styles and frames only.
const pagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// previewPolicy is the policy of a preview: the edition's own inline
// style, no script, no request to anywhere (an image the article links
// to elsewhere is not loaded), framed by the workbench only. The sandbox
// keeps the page's origin so that the editor can keep its scroll
// position when it renders it again; without scripts the page itself can
// do nothing with it.
const previewPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-same-origin; frame-ancestors 'self'"
