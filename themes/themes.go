// Package themes embeds the built-in theme, so a content-only repository
// needs nothing but the blueprints binary. A site with its own
// themes/default/ is built with that copy instead (so editing it changes the
// site), and site.yaml can name any other directory under themes/.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var embedded embed.FS

// Default returns the built-in theme's files (layouts/, static/, i18n/).
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // cannot happen: "default" is embedded above
	}
	return sub
}
