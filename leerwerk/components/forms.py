"""Django forms rendered as NL Design System form fields.

Every form in the product renders through this renderer (settings.FORM_RENDERER), so a
view only writes `{{ form }}` and gets labels, descriptions, error messages and the
`utrecht-*` classes that the design system and screen readers expect."""

from typing import Any

from django.forms import BoundField, Widget
from django.forms.renderers import TemplatesSetting

_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "text": "utrecht-textbox utrecht-textbox--html-input",
}
_INVALID = {
    "checkbox": "utrecht-checkbox--invalid",
    "radio": "utrecht-radio-button--invalid",
    "select": "utrecht-select--invalid",
    "textarea": "utrecht-textarea--invalid",
    "text": "utrecht-textbox--invalid",
}


def _kind(widget: Widget) -> str:
    if getattr(widget, "allow_multiple_selected", False) and getattr(widget, "input_type", None) == "checkbox":
        return "checkbox"
    input_type = getattr(widget, "input_type", None)
    if input_type in ("checkbox", "radio", "select"):
        return str(input_type)
    template_name = widget.template_name or ""
    if template_name.endswith("select.html"):
        return "select"
    if template_name.endswith("textarea.html"):
        return "textarea"
    return "text"


class NLDesignSystemBoundField(BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        kind = _kind(widget or self.field.widget)
        classes = [_CLASSES[kind], str(attrs.get("class", ""))]
        if self.errors:
            classes.append(_INVALID[kind])
        attrs["class"] = " ".join(part for part in classes if part)
        return attrs

    @property
    def kind(self) -> str:
        return _kind(self.field.widget)


class NLDesignSystemFormRenderer(TemplatesSetting):
    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"
    bound_field_class = NLDesignSystemBoundField
