"""The form to add a document to a case. The content check (PDF, PNG or JPEG by their
first bytes) and the case's state are the service's; the form refuses an oversized file
before anything is read from it."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leerwerk.advice.services.documents import max_document_bytes


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Name of the document"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF file or a photo or scan (PNG or JPEG)."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_document_%s")
        super().__init__(*args, **kwargs)

    def max_size(self) -> str:
        return str(filesizeformat(max_document_bytes()))

    def clean_file(self) -> "UploadedFile[bytes]":
        uploaded: UploadedFile[bytes] = self.cleaned_data["file"]
        if (uploaded.size or 0) > max_document_bytes():
            raise forms.ValidationError(
                gettext("The file is too large: at most %(maximum)s.") % {"maximum": self.max_size()}
            )
        return uploaded
