package site

import (
	"path"
	"strings"
)

// Site paths are slash-separated and relative to the site root: a page is a
// directory ending in "/" ("en/blueprints/konza/", "" for the root) and a
// file is a path without the slash ("static/style.css").

// pageDir maps a document path within its language to the page directory:
// "_index.md" → "", "about.md" → "about/", "guides/_index.md" → "guides/".
// A README.md is its folder's index too, as on GitHub.
func pageDir(lang, rel string) string {
	if isSectionIndex(rel) {
		if dir := path.Dir(rel); dir != "." {
			return lang + "/" + dir + "/"
		}
		return lang + "/"
	}
	return lang + "/" + strings.TrimSuffix(rel, ".md") + "/"
}

// isSectionIndex says whether a document is its folder's index page:
// _index.md; README.md (any case), which GitHub shows as a folder's page;
// or index.md, a page with its images in its own folder (a Hugo "bundle").
func isSectionIndex(rel string) bool {
	base := path.Base(rel)
	return base == "_index.md" || base == "index.md" || strings.EqualFold(base, "README.md")
}

// relURL returns the URL of target as seen from the page directory from.
// Every internal URL is relative, so the site works under any sub-path and
// opened from disk. Offline builds name index.html explicitly, because a
// browser opening file:///…/blueprints/ shows a directory listing.
//
// target is a path, never with a #fragment: a file or directory name may
// hold "#" itself (en/x#y/), which is escaped like any other character.
func relURL(from, target string, offline bool) string {
	fromParts := splitDir(from)
	isDir := target == "" || strings.HasSuffix(target, "/")
	toParts := splitDir(target)
	if !isDir {
		toParts = strings.Split(target, "/")
	}
	common := 0
	for common < len(fromParts) && common < len(toParts)-boolInt(!isDir) && fromParts[common] == toParts[common] {
		common++
	}
	var b strings.Builder
	for range len(fromParts) - common {
		b.WriteString("../")
	}
	rest := strings.Join(toParts[common:], "/")
	b.WriteString(rest)
	if isDir && rest != "" {
		b.WriteByte('/')
	}
	u := b.String()
	if isDir && offline {
		u += "index.html"
	}
	if u == "" {
		u = "./"
	}
	return escapePath(u)
}

func splitDir(dir string) []string {
	dir = strings.Trim(dir, "/")
	if dir == "" {
		return nil
	}
	return strings.Split(dir, "/")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// escapePath percent-encodes what a URL path may not hold as is (spaces,
// "?", "#", "%"; "&", which goldmark would read as an entity), keeping non-ASCII letters readable: browsers accept them.
func escapePath(p string) string {
	var b strings.Builder
	for _, r := range p {
		switch {
		case r == ' ' || r == '&' || r == '?' || r == '#' || r == '%' || r == '"' || r == '<' || r == '>' || r == '\\' || r < 0x20 || r == 0x7f:
			for _, c := range []byte(string(r)) {
				b.WriteString("%" + strings.ToUpper(hex(c)))
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hex(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// outputFile is where a page directory's HTML is written.
func outputFile(dir string) string { return path.Join(dir, "index.html") }

// maxOutputName is the longest name of a file or directory that common
// file systems can hold (NAME_MAX).
const maxOutputName = 255

// absURL is the absolute URL of a site path on the site at baseURL.
func absURL(baseURL, target string) string {
	return strings.TrimSuffix(baseURL, "/") + "/" + escapePath(target)
}
