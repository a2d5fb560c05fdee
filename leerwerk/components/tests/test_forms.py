"""Every Django form renders as NL Design System form fields."""

from django import forms
from django.utils import translation


class _ExampleForm(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals in je paspoort.")
    municipality = forms.ChoiceField(label="Gemeente", choices=[("GM0796", "'s-Hertogenbosch")])
    question = forms.CharField(label="Vraag", widget=forms.Textarea, required=False)
    agree = forms.BooleanField(label="Ik ga akkoord")
    situation = forms.ChoiceField(label="Situatie", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_fields_get_the_design_system_classes_and_labels():
    html = str(_ExampleForm())
    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in html
    assert 'class="utrecht-select utrecht-select--html-select"' in html
    assert 'class="utrecht-textarea utrecht-textarea--html-textarea"' in html
    assert 'class="utrecht-checkbox utrecht-checkbox--html-input"' in html
    assert 'class="utrecht-radio-button utrecht-radio-button--html-input"' in html
    assert '<label class="utrecht-form-label" for="id_name">Naam</label>' in html
    assert 'id="id_name_helptext"' in html
    assert 'aria-describedby="id_name_helptext"' in html
    assert "<legend" in html  # radio buttons are grouped in a fieldset


def test_optional_fields_say_so():
    with translation.override("nl"):
        html = str(_ExampleForm())
    assert html.count("(niet verplicht)") == 1


def test_errors_are_shown_next_to_the_field_and_announced():
    with translation.override("nl"):
        html = str(_ExampleForm(data={"name": ""}))
    assert 'aria-invalid="true"' in html
    assert 'id="id_name_error"' in html
    assert "utrecht-form-field--invalid" in html
    assert "utrecht-textbox--invalid" in html
    assert "Dit veld is vereist." in html
