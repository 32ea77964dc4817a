package markdown

import (
	"bytes"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Code blocks whose fence names a language ("```go") are highlighted when
// the site is built: the tokens are wrapped in spans with a few short
// classes that the theme's stylesheet colours, so readers get coloured code
// without any script. chroma knows some 250 languages by name, alias or
// file extension; a block in an unknown language is written plain.

// maxHighlight is the largest code block highlighted: chroma's lexers use
// backtracking regular expressions, and a huge block is rarely read for
// its colours.
const maxHighlight = 64 << 10

// chroma costs some forty times what goldmark does per byte, and more than
// linearly on some shapes (32 KB of unclosed JavaScript strings allocate
// 136 MB, 60 KB hundreds), so a file has a budget of highlighted code: the
// first maxHighlightBlocks blocks, up to maxHighlightPerFile bytes in all.
// Code past it is shown as it is, uncoloured; a page is no worse to read.
const (
	maxHighlightPerFile = 6 << 10
	maxHighlightBlocks  = 100
)

// plainCodeAttr marks a code block Parse left over the budget.
const plainCodeAttr = "blueprints-plain"

// highlightBudget is what is left of a file's highlighting budget.
type highlightBudget struct{ bytes, blocks int }

// take spends the budget on a code block of size bytes, or marks the
// block to be written plain when the budget cannot pay for it.
func (b *highlightBudget) take(n ast.Node, size int) {
	if size > b.bytes || b.blocks == 0 {
		n.SetAttributeString(plainCodeAttr, true)
		return
	}
	b.bytes -= size
	b.blocks--
}

// tokenClass is the class of a token, from the few the theme styles, or ""
// for text left plain. Fewer classes than chroma's hundred keep the
// stylesheet small; these are the distinctions readers use.
func tokenClass(t chroma.TokenType) string {
	switch {
	case t.InCategory(chroma.Keyword), t == chroma.OperatorWord:
		return "k"
	case t.InCategory(chroma.Comment):
		return "c"
	case t.InSubCategory(chroma.LiteralString):
		return "s"
	case t.InSubCategory(chroma.LiteralNumber), t == chroma.LiteralDate:
		return "m"
	case t.InSubCategory(chroma.NameBuiltin):
		return "nb"
	case t.InSubCategory(chroma.NameFunction), t == chroma.NameClass, t == chroma.NameDecorator:
		return "nf"
	case t == chroma.NameTag:
		return "nt"
	case t == chroma.NameAttribute:
		return "na"
	case t == chroma.GenericDeleted:
		return "gd"
	case t == chroma.GenericInserted:
		return "gi"
	case t == chroma.GenericHeading, t == chroma.GenericSubheading:
		return "gh"
	}
	return ""
}

// renderCodeBlock writes a fenced code block as goldmark does, as
// <pre dir="ltr"><code class="language-X">, with its tokens highlighted
// when X is a language chroma knows.
func renderCodeBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	lang := n.Language(src)
	// Code reads left to right on an Arabic page too.
	_, _ = w.WriteString(`<pre dir="ltr"><code`)
	if len(lang) > 0 {
		_, _ = w.WriteString(` class="language-`)
		_, _ = w.Write(util.EscapeHTML(lang))
		_, _ = w.WriteString(`"`)
	}
	_, _ = w.WriteString(">")
	if _, plain := n.AttributeString(plainCodeAttr); plain || !highlight(w, string(lang), code.String()) {
		_, _ = w.Write(util.EscapeHTML(code.Bytes()))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// highlight writes code as highlighted HTML, or reports false (having
// written nothing) when lang is unknown or the lexer fails.
func highlight(w util.BufWriter, lang, code string) bool {
	if lang == "" || len(code) > maxHighlight {
		return false
	}
	lexer := lexers.Get(lang)
	if lexer == nil {
		return false
	}
	tokens, err := chroma.Tokenise(chroma.Coalesce(lexer), nil, code)
	if err != nil {
		return false
	}
	var out, read bytes.Buffer
	for _, tok := range tokens {
		read.WriteString(tok.Value)
		text := util.EscapeHTML([]byte(tok.Value))
		if class := tokenClass(tok.Type); class != "" {
			out.WriteString(`<span class="` + class + `">`)
			out.Write(text)
			out.WriteString("</span>")
			continue
		}
		out.Write(text)
	}
	if read.String() != code {
		return false // a lexer that adds or drops text must not change the code shown
	}
	_, _ = w.Write(out.Bytes())
	return true
}
