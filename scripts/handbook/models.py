"""The content model: one strict pydantic model per kind of source file.

Fields typed `Text` (or `OptText`) are translatable: they are extracted into the PO catalogues
and replaced by their translation per language. Lists of things that carry text have an `id`,
so a translation's address survives reordering.
"""

from __future__ import annotations

from datetime import date  # noqa: TC003 - pydantic reads the annotations at run time
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class Translatable:
    """Marks a field whose text goes through the PO catalogues."""

    def __repr__(self) -> str:
        return "Translatable"


TRANSLATABLE = Translatable()

# Long enough for any section of a training module; a runaway paste is an error, not a page.
MAX_TEXT = 20_000
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT), TRANSLATABLE]
OptText = Annotated[Annotated[str, StringConstraints(max_length=MAX_TEXT)] | None, TRANSLATABLE]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Z][A-Za-z0-9]{1,7})?$")]
# A web address as it stands in an href: no space, control, quote, angle bracket or brace that
# could end the attribute or the Markdown link it is written into.
Url = Annotated[
    str, StringConstraints(pattern=r"^https?://[^\s\x00-\x1f\x7f\"'<>\\^`{|}\[\]]+$", max_length=2000)
]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ./()-]{0,29}$")]
Icon = Annotated[str, StringConstraints(pattern=r"^(?:material|octicons|fontawesome|simple)-[a-z0-9-]+$")]
ImagePath = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9_-][A-Za-z0-9_./-]*\.(?:svg|png|jpe?g|webp)$")
]

# What a claim rests on when no published source backs it: the programme's own practice.
Basis = Literal["practice"]

STANCES = ("does", "supports", "refers", "never")
Stance = Literal["does", "supports", "refers", "never"]
URGENCIES = ("emergency", "today", "this-week", "next-check-in")
Urgency = Literal["emergency", "today", "this-week", "next-check-in"]
PHASES = (
    "before-matching",
    "intake",
    "matching",
    "first-meeting",
    "every-meeting",
    "check-in",
    "midway",
    "ending",
    "any-time",
)
Phase = Literal[
    "before-matching",
    "intake",
    "matching",
    "first-meeting",
    "every-meeting",
    "check-in",
    "midway",
    "ending",
    "any-time",
]
PALETTE = (
    "red",
    "pink",
    "purple",
    "deep purple",
    "indigo",
    "blue",
    "light blue",
    "cyan",
    "teal",
    "green",
    "light green",
    "lime",
    "yellow",
    "amber",
    "orange",
    "deep orange",
    "brown",
    "grey",
    "blue grey",
    "black",
    "white",
)
Colour = Literal[
    "red",
    "pink",
    "purple",
    "deep purple",
    "indigo",
    "blue",
    "light blue",
    "cyan",
    "teal",
    "green",
    "light green",
    "lime",
    "yellow",
    "amber",
    "orange",
    "deep orange",
    "brown",
    "grey",
    "blue grey",
    "black",
    "white",
]


class Strict(BaseModel):
    """Every model forbids unknown keys, so a misspelt key is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Cited(Strict):
    """A fact-bearing item: it names the sources (ids in content/sources.yml) that back it, or
    says `basis: practice` when it is the programme's own practice. Validation asks for one of
    the two on every item of such a kind, and pages show it next to the claim."""

    sources: list[Id] = []
    basis: Basis | None = None


class Item(Strict):
    """A piece of text in a list, with a stable id."""

    id: Id
    text: Text


# --- handbook.yml -----------------------------------------------------------------------------


class Language(Strict):
    code: LangCode
    name: str = Field(min_length=1, description="The language's own name for itself")
    dir: Literal["ltr", "rtl"] = "ltr"
    required: bool = False


class Contact(Cited):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    name: Text
    description: OptText = None
    phone: Phone | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    hours: OptText = None
    url: Url | None = None
    # When someone last checked this against its sources (YYYY-MM-DD), and who checks it.
    reviewed: date | None = None
    owner: str | None = None
    # Demo details to be replaced: `handbook validate --publish` refuses them.
    placeholder: bool = False


class EmergencyNumber(Cited):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    number: Phone
    name: Text
    when: Text
    # The number to call first when a life is in danger: exactly one number has this.
    life_threat: bool = False
    url: Url | None = None
    # When someone last checked this against its sources (YYYY-MM-DD), and who checks it.
    reviewed: date | None = None
    owner: str | None = None
    # Demo details to be replaced: `handbook validate --publish` refuses them.
    placeholder: bool = False


class Programme(Strict):
    duration_months: int = Field(gt=0, le=60)
    meeting_frequency: Text
    meeting_hours: int = Field(gt=0, le=24)
    participation_hours: int = Field(ge=0, le=1000)
    check_in_weeks: int = Field(gt=0, le=52)


class Colours(Strict):
    primary: Colour = "teal"
    accent: Colour = "deep orange"


class ReadingLimit(Strict):
    """Plain-language limits for pages meant for some readers."""

    readers: list[Id] = Field(min_length=1)
    max_average_words: float = Field(gt=0)
    max_long_share: float = Field(ge=0, le=1)


class PlainLanguage(Strict):
    """What `handbook lint` measures and which pages it holds to which limits."""

    long_sentence_words: int = Field(default=20, gt=0)
    # The languages held to the limits; when left out, the source language (default_language).
    check_languages: list[LangCode] | None = None
    limits: list[ReadingLimit] = []


class PublishRules(Strict):
    """What `handbook validate --publish` asks on top of the placeholder and review checks."""

    # Refuse catalogues still marked as machine translations that no native speaker reviewed.
    reviewed_translations: bool = False


class Settings(Strict):
    """handbook.yml: everything an organisation changes first."""

    organisation: str = Field(min_length=1)
    title: Text
    description: Text
    logo: ImagePath | None = None
    colours: Colours = Colours()
    # The source language: the language the YAML texts and the source pages are written in.
    default_language: LangCode
    # The language of the interface strings in templates/ (their msgids); when left out, the
    # source language. A fork that writes its content in another language keeps the kit's.
    templates_language: LangCode | None = None
    languages: list[Language] = Field(min_length=1)
    repo_url: Url | None = None
    edit_uri: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]*$")] = "edit/main/"
    site_url: Url | None = None
    copyright: OptText = None
    contacts: dict[Id, Contact] = Field(min_length=1)
    emergency_numbers: dict[Id, EmergencyNumber] = {}
    programme: Programme
    plain_language: PlainLanguage = PlainLanguage()
    publish: PublishRules = PublishRules()
    # Roles that get a printed booklet (their role page, the paths, their checklists, key points).
    booklets: list[Id] = []
    # Keep the escalation paths, help numbers and contacts on the reader's phone for use without
    # signal (a service worker). `false` removes it, also from phones that already have it.
    offline: bool = True

    @property
    def interface_language(self) -> str:
        """The language the templates' strings are written in."""
        return self.templates_language or self.default_language

    @property
    def catalogue_languages(self) -> list[str]:
        """The languages with a PO catalogue: every language but the source, and the source too
        when the templates are written in another language (for their interface strings)."""
        codes = [language.code for language in self.languages]
        return [code for code in codes if code != self.default_language or code != self.interface_language]

    @property
    def checked_languages(self) -> list[str]:
        """The languages the plain-language check holds to its limits."""
        return list(self.plain_language.check_languages or [self.default_language])

    @property
    def life_threat(self) -> EmergencyNumber | None:
        """The number to call first when a life is in danger (validation: exactly one)."""
        return next((n for n in self.emergency_numbers.values() if n.life_threat), None)

    # `handbook lint` warns about a review date older than this many months.
    review_months: int = Field(default=12, gt=0)


# --- content ---------------------------------------------------------------------------------


class Topic(Strict):
    id: Id
    name: Text
    description: Text
    icon: Icon = "material-circle-small"


class TopicsFile(Strict):
    topics: list[Topic] = Field(min_length=1)


class Boundary(Strict):
    stance: Stance
    instead: Text
    to: Id | None = None


class Role(Strict):
    """roles/<id>.yml: who someone is in the programme and where their task ends."""

    order: int = 100
    icon: Icon = "material-account"
    name: Text
    summary: Text
    who: Text
    commitment: Text
    responsibilities: list[Item] = Field(min_length=1)
    boundaries: dict[Id, Boundary] = Field(min_length=1)
    sources: list[Id] = []


class Step(Cited):
    id: Id
    who: Id
    action: Text
    contact: Id | None = None
    # What comes after this step, when it is not simply the next one: a question or a step id.
    then: Id | None = None


class Advice(Item):
    """A do or a don't: advice, which may name the sources that back it."""

    sources: list[Id] = []


class Decision(Strict):
    """A question of the decision guide: each answer leads to a step or to another question."""

    id: Id
    question: Text
    if_yes: Id
    if_no: Id


class Escalation(Strict):
    """content/escalation/<id>.yml: a signal and what to do about it."""

    order: int = 100
    title: Text
    summary: Text
    signal: Text
    urgency: Urgency
    # The decision guide: questions a reader answers, the first one first. Optional.
    decisions: list[Decision] = []
    steps: list[Step] = Field(min_length=1)
    dos: list[Advice] = Field(min_length=1)
    donts: list[Advice] = Field(min_length=1)
    modules: list[Id] = []
    # Where the signs described in `signal` come from (shown under them).
    sources: list[Id] = []
    # When someone last checked this against its sources (YYYY-MM-DD), and who checks it.
    reviewed: date | None = None
    owner: str | None = None
    # A page a reader may need to hide from someone nearby: it gets a quick-exit button.
    quick_exit: bool = False


class Section(Cited):
    id: Id
    title: Text
    body: Text


class Scenario(Strict):
    id: Id
    title: Text
    situation: Text
    questions: list[Item] = Field(min_length=1)
    facilitator_notes: Text


class SelfCheck(Strict):
    id: Id
    question: Text
    options: list[Item] = Field(min_length=2)
    answer: Id
    why: Text


class Module(Strict):
    """content/modules/<id>.yml: a training module, shaped like a lesson."""

    order: int = 100
    title: Text
    summary: Text
    audiences: list[Id] = Field(min_length=1)
    duration_minutes: int = Field(gt=0, le=600)
    objectives: list[Item] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    scenarios: list[Scenario] = []
    reflection: list[Item] = []
    key_points: list[Item] = Field(min_length=1)
    self_check: list[SelfCheck] = []
    checklists: list[Id] = []
    escalations: list[Id] = []
    # When someone last checked this against its sources (YYYY-MM-DD), and who checks it.
    reviewed: date | None = None
    owner: str | None = None


class ChecklistItem(Strict):
    id: Id
    text: Text
    why: OptText = None


class FillIn(Strict):
    id: Id
    label: Text


class Checklist(Strict):
    """content/checklists/<id>.yml: a printable list for one moment in the programme."""

    order: int = 100
    title: Text
    summary: Text
    audiences: list[Id] = Field(min_length=1)
    phase: Phase
    fields: list[FillIn] = []
    items: list[ChecklistItem] = Field(min_length=1)
    sources: list[Id] = []


class Term(Cited):
    id: Id
    term: Text
    definition: Text
    see_also: list[Id] = []


class GlossaryFile(Strict):
    terms: list[Term] = Field(min_length=1)


class SourceRef(Strict):
    id: Id
    title: str = Field(min_length=1)
    publisher: str | None = None
    year: int | None = None
    url: Url
    note: OptText = None


class SourcesFile(Strict):
    sources: list[SourceRef] = Field(min_length=1)
