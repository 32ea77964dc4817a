package content

import (
	"bytes"
	"compress/zlib"
	"io"
	"net/http"
	"regexp"
	"strconv"

	"github.com/openblueprints/blueprints/internal/diag"
)

// assetMediaTypes maps each asset extension to the media type its content
// must sniff as.
func assetMediaTypes() map[string]string {
	return map[string]string{
		".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
		".webp": "image/webp", ".avif": "image/avif", ".pdf": "application/pdf",
	}
}

// checkAsset reports an asset whose content is not what its extension
// says (HTML saved as .png would be served as an image today, and as a
// page by a server that sniffs), and a PDF with active content: script,
// or actions that launch programs or send data. The site promises readers
// documents, not programs.
func checkAsset(file, ext string, data []byte, diags *diag.List) bool {
	want := assetMediaTypes()[ext]
	got := sniff(data)
	if got != want {
		diags.Errorf(diag.Pos{File: file}, "the file's content is %s, not the %s its extension %q says; save it in the right format or fix the extension", got, want, ext)
		return false
	}
	if want == "application/pdf" {
		if name, ok := pdfActiveContent(data); ok {
			diags.Errorf(diag.Pos{File: file}, "PDF with active content (/%s): the site publishes documents, not programs; save it again without scripts, actions or attachments (for example by printing it to PDF)", name)
			return false
		}
	}
	return true
}

// sniff is net/http's content sniffing (the WHATWG algorithm browsers
// use), plus AVIF, which it does not know: an ISO media file whose type
// box names the avif or avis brand.
func sniff(data []byte) string {
	if len(data) >= 12 && string(data[4:8]) == "ftyp" {
		size := int(data[0])<<24 | int(data[1])<<16 | int(data[2])<<8 | int(data[3])
		box := data[8:min(len(data), max(size, 12))]
		for i := 0; i+4 <= len(box); i += 4 {
			if b := string(box[i : i+4]); b == "avif" || b == "avis" {
				return "image/avif"
			}
		}
	}
	ct := http.DetectContentType(data)
	if i := bytes.IndexByte([]byte(ct), ';'); i >= 0 {
		ct = ct[:i]
	}
	return ct
}

// pdfName matches a PDF name object: "/" and name characters, in which
// "#xx" may stand for any byte ("/J#61vaScript" is "/JavaScript").
var pdfName = regexp.MustCompile(`/[^\x00\t\n\f\r ()<>\[\]{}/%]+`)

// pdfStream matches a stream's data, which may be compressed and hide
// the names of an object stream.
var pdfStream = regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)

// pdfActiveNames are the PDF names that carry script or actions beyond
// showing pages and following links.
func pdfActiveNames() map[string]bool {
	return map[string]bool{"JavaScript": true, "JS": true, "Launch": true, "SubmitForm": true, "ImportData": true, "RichMedia": true, "EmbeddedFile": true}
}

// pdfActiveContent looks for the names of active content in a PDF, in the
// file and in its Flate-compressed streams, decoding at most 64 MB in all
// so a compression bomb cannot exhaust memory. It returns the first found.
func pdfActiveContent(data []byte) (string, bool) {
	active := pdfActiveNames()
	scan := func(b []byte) (string, bool) {
		for _, m := range pdfName.FindAll(b, -1) {
			if name := pdfUnescapeName(m[1:]); active[name] {
				return name, true
			}
		}
		return "", false
	}
	if name, ok := scan(data); ok {
		return name, true
	}
	budget := int64(64 << 20)
	for _, m := range pdfStream.FindAllSubmatch(data, -1) {
		if budget <= 0 {
			break
		}
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		plain, _ := io.ReadAll(io.LimitReader(zr, budget))
		budget -= int64(len(plain))
		if name, ok := scan(plain); ok {
			return name, true
		}
	}
	return "", false
}

func pdfUnescapeName(b []byte) string {
	if !bytes.ContainsRune(b, '#') {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}
