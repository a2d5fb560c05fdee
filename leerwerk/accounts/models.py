"""Users (login by e-mail), organisations, memberships that give a user a role in an
organisation for a set of regions, and the e-mailed login links of residents."""

import hashlib
from datetime import timedelta
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerwerk.accounts.validators import validate_brin_code, validate_kvk_number
from leerwerk.core.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        return self.create_user(email, password, is_staff=True, is_superuser=True, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("technical staff"),
        default=False,
        help_text=_("Only for the people who run this deployment; administrators get the admin by their role."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        UWV = "uwv", _("UWV")
        SCHOOL = "school", _("School")
        TRAINING_PROVIDER = "training_provider", _("Training provider")
        EMPLOYER = "employer", _("Employer")
        PARTNERSHIP = "partnership", _("Partnership")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True, validators=[validate_kvk_number])
    brin_code = models.CharField(_("BRIN code"), max_length=4, blank=True, validators=[validate_brin_code])
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("For a municipality: which one."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["kvk_number"], condition=~Q(kvk_number=""), name="organisation_kvk_unique"),
            models.UniqueConstraint(fields=["brin_code"], condition=~Q(brin_code=""), name="organisation_brin_unique"),
            models.CheckConstraint(
                condition=Q(brin_code="") | Q(kind__in=["school", "training_provider"]),
                name="organisation_brin_only_for_schools",
            ),
            models.CheckConstraint(
                condition=~Q(kind="municipality") | Q(municipality__isnull=False),
                name="organisation_municipality_names_its_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    EMPLOYER_CONTACT = "employer_contact", _("Employer contact")
    PROVIDER_EDITOR = "provider_editor", _("Provider editor")
    ADVISER = "adviser", _("Adviser")
    TEAM_LEAD = "team_lead", _("Team lead of the advice desk")
    ANALYST = "analyst", _("Analyst")
    SECRETARIAT = "secretariat", _("Secretariat")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that handle other people's data or run the platform: they need a second factor.
STAFF_ROLES = frozenset(
    {Role.PROVIDER_EDITOR, Role.ADVISER, Role.TEAM_LEAD, Role.ANALYST, Role.SECRETARIAT, Role.ADMINISTRATOR}
)
# The roles that work the cases of their regions' advice desk; a team lead also assigns.
ADVICE_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD})
# The roles that read the region's measurements (the funnel report).
MEASUREMENT_ROLES = frozenset({Role.ANALYST, Role.SECRETARIAT, Role.ADMINISTRATOR})


class Membership(TimeStampedModel):
    """A user's role in an organisation, limited to the regions in `regions`."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", null=True, blank=True
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    regions = models.ManyToManyField(
        "regions.LabourMarketRegion", verbose_name=_("regions"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(organisation__isnull=True), name="membership_unique_personal_role"
            ),
            models.CheckConstraint(
                condition=Q(role="resident") | Q(organisation__isnull=False),
                name="membership_organisation_required_for_partners",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.organisation or '-'})"


class LoginLink(TimeStampedModel):
    """A login link e-mailed to a resident (ADR 0014). The link carries a random nonce
    signed by Django's `TimestampSigner`, which gives its age and refuses any change;
    only the nonce's SHA-256 is kept here, so the table cannot be used to log in, and
    `used_at` makes the link single-use. `nonce_hash` stays empty until the task has
    sent the mail. Rows older than the rate-limit window are deleted.

    Why not Django's `PasswordResetTokenGenerator`: it needs an existing user, and a
    resident's account is made only when they first use a link; and the link carries no
    e-mail address, which keeps addresses out of URLs and access logs."""

    VALID_FOR = timedelta(minutes=15)
    SIGNING_SALT = "leerwerk.accounts.login-link"

    email = models.EmailField(_("e-mail address"))
    # A keyed hash (HMAC) of the requester's IP address, for the rate limit per client.
    client_hash = models.CharField(max_length=64, blank=True)
    nonce_hash = models.CharField(max_length=64, blank=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("login link")
        verbose_name_plural = _("login links")
        indexes = [
            models.Index(fields=["email", "created_at"], name="login_link_email_created"),
            models.Index(fields=["client_hash", "created_at"], name="login_link_client_created"),
            models.Index(fields=["created_at"], name="login_link_created"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["nonce_hash"], condition=~Q(nonce_hash=""), name="login_link_nonce_unique")
        ]

    def __str__(self) -> str:
        return f"login link {self.pk}"

    @staticmethod
    def hash_nonce(nonce: str) -> str:
        # The nonce holds 256 random bits: a plain hash cannot be reversed by guessing.
        return hashlib.sha256(nonce.encode()).hexdigest()
