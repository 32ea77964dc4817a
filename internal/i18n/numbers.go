package i18n

import (
	"strings"

	"golang.org/x/text/currency"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Number writes v with the language's CLDR digits, decimal sign and
// grouping: 5224200000 is "5,224,200,000" in English, "5 224 200 000" in
// French (always in Latin digits, like the rest of the site).
func (l *Localizer) Number(v float64) string {
	return l.printer().Sprint(number.Decimal(v, number.MaxFractionDigits(2)))
}

// Percent writes v, given in percent (78.14 for 78.14 %), with the
// language's percent sign and its place: "78.14%", "78,14 %".
func (l *Localizer) Percent(v float64) string {
	return l.printer().Sprint(number.Percent(v/100, number.MaxFractionDigits(2)))
}

// CurrencySymbol is the CLDR symbol of an ISO 4217 currency in this
// language: "$" for USD in English, "$US" in French, "US$" in Chinese.
func (l *Localizer) CurrencySymbol(code string) (string, bool) {
	unit, err := currency.ParseISO(code)
	if err != nil {
		return "", false
	}
	return l.printer().Sprint(currency.Symbol(unit)), true
}

// List joins items with the language's list separator, from the catalog's
// "list_separator" message: ", " in English, "، " in Arabic, "、" in
// Chinese.
func (l *Localizer) List(items []string) (string, error) {
	if len(items) < 2 {
		return strings.Join(items, ""), nil
	}
	sep, err := l.T("list_separator")
	if err != nil {
		return "", err
	}
	return strings.Join(items, sep), nil
}

// printer formats numbers for this language. A message.Printer is cheap
// to make and not documented as safe for concurrent use, so each call
// makes its own.
func (l *Localizer) printer() *message.Printer { return message.NewPrinter(l.numbers) }
