package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"unicode/utf8"
)

// textTypes are the extensions of files read as text from a theme.
func textTypes() []string {
	return []string{".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".webmanifest", ".md", ".yaml", ".toml"}
}

// CheckTree gives a directory the build reads by name, such as a theme,
// the checks content files get: no symbolic links (a template linked to
// /dev/zero or /etc/passwd), only regular files and directories, each file
// within maxSize bytes, and text files in valid UTF-8 without NUL bytes.
// fsys is the directory itself, which must not be a link either. Each
// error names its file relative to fsys.
func CheckTree(fsys fs.FS, maxSize int) []error {
	var errs []error
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot read: %v", name, unwrapPathError(err)))
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			errs = append(errs, fmt.Errorf("%s: symbolic links are not allowed; replace the link with the file itself", name))
			return nil
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			errs = append(errs, fmt.Errorf("%s: not a regular file", name))
			return nil
		}
		data, err := readCapped(fsys, name, maxSize)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", name, err))
			return nil
		}
		if !isText(name) {
			return nil
		}
		if !utf8.Valid(data) {
			errs = append(errs, fmt.Errorf("%s: invalid UTF-8; save the file as UTF-8", name))
		} else if bytes.IndexByte(data, 0) >= 0 {
			errs = append(errs, fmt.Errorf("%s: NUL byte in text file; remove it", name))
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return errs
}

func isText(name string) bool {
	ext := path.Ext(name)
	for _, t := range textTypes() {
		if ext == t {
			return true
		}
	}
	return false
}
