package slug

import "testing"

func TestHeadingAndFile(t *testing.T) {
	tests := []struct{ in, heading, file string }{
		{"Café Hub (Lagos)", "café-hub-lagos", "cafe-hub-lagos"},
		{"Start-Up Chile", "start-up-chile", "start-up-chile"},
		{"Step 1: plan (2024)", "step-1-plan-2024", "step-1-plan-2024"},
		{"Costs & funding", "costs--funding", "costs-funding"}, // GitHub keeps both spaces
		{"v1.18.0", "v1180", "v1-18-0"},
		{"مَركز الابتكار", "مَركز-الابتكار", "مركز-الابتكار"}, // harakat are optional in writing
		{"科技园 2030", "科技园-2030", "科技园-2030"},
		{"Технопарк «Сколково»", "технопарк-сколково", "технопарк-сколково"},
		{"Résultats et évaluation", "résultats-et-évaluation", "resultats-et-evaluation"},
		{"!!!", "", ""},
	}
	for _, tt := range tests {
		if got := Heading(tt.in); got != tt.heading {
			t.Errorf("Heading(%q) = %q, want %q", tt.in, got, tt.heading)
		}
		if got := File(tt.in); got != tt.file {
			t.Errorf("File(%q) = %q, want %q", tt.in, got, tt.file)
		}
	}
}

func TestLatin(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Café Hub (Lagos)", "cafe-hub-lagos"},
		{"中关村科技园", "zhong-guan-cun-ke-ji-yuan"},
		{"Технопарк «Сколково»", "tekhnopark-skolkovo"},
		{"مركز الابتكار", "mrkz-lbtkr"},
		{"Ñandú 2030", "nandu-2030"},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := Latin(tt.in); got != tt.want {
			t.Errorf("Latin(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
