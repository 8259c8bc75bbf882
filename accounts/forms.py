from __future__ import annotations

from django import forms


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=32,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True, "size": 12}),
        help_text="The six-digit code from your authenticator app, or one of your recovery codes.",
    )


class EnrolForm(forms.Form):
    token = forms.CharField(
        label="Code from the app",
        max_length=12,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}),
    )
