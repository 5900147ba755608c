"""Controlled vocabularies shared by the models, the build and the codebook.

Every allowed value of a categorical column is defined here once, with its
meaning, so that schemas, error messages and the codebook cannot disagree.
"""

ISSUES = {
    "war": "position on Russia's full-scale invasion of Ukraine",
    "recognition": "position on recognising the Donetsk and Luhansk "
    "'People's Republics' and their annexation by Russia",
    "sanctions": "posture toward the sanctions imposed on Russia",
}

# Each issue's stance labels with their score on the common scale:
# negative = with Russia's position, positive = against it.
SCALE = {
    "war": {
        "supports": -2,
        "sympathetic": -1,
        "neutral": 0,
        "condemns": 1,
        "opposes_actively": 2,
    },
    "recognition": {
        "recognizes": -2,
        "sympathetic": -1,
        "neutral": 0,
        "rejects": 1,
        "opposes_actively": 2,
    },
    "sanctions": {
        "circumvents": -2,
        "opposes": -1,
        "neutral": 0,
        "complies": 1,
        "imposes": 2,
    },
}

MEANINGS = {
    ("war", "supports"): "endorses the invasion or gives Russia military support",
    ("war", "sympathetic"): "justifies Russia, blames NATO or the West, "
    "or opposes condemning Russia",
    ("war", "neutral"): "calls for peace without taking a side, or abstains",
    ("war", "condemns"): "condemns the invasion or votes for it to end",
    ("war", "opposes_actively"): "condemns the invasion and arms or funds "
    "Ukraine's defence",
    ("recognition", "recognizes"): "formally recognises the entities or "
    "endorses their annexation",
    ("recognition", "sympathetic"): "welcomes or defends Russia's recognition "
    "without recognising",
    ("recognition", "neutral"): "takes no position, or abstains",
    ("recognition", "rejects"): "states that it does not recognise them, or "
    "votes against the annexation",
    ("recognition", "opposes_actively"): "rejects them and acts against them "
    "(sanctions on the entities, say)",
    ("sanctions", "circumvents"): "government policy to help Russia evade sanctions",
    ("sanctions", "opposes"): "publicly opposes the sanctions",
    ("sanctions", "neutral"): "neither imposes sanctions nor declares compliance",
    ("sanctions", "complies"): "declares it will not help evasion, or enforces "
    "others' sanctions",
    ("sanctions", "imposes"): "adopts sanctions of its own, or aligns with "
    "another's regime by applying it in its own law (a state named in an EU "
    "declaration of alignment): alignment is imposing, so the scale needs no "
    "separate label",
}

ISSUE_ORDER = list(ISSUES)

# One ordered category set for the `stance` column: by score, then by issue.
# Compare stances within one issue; across issues compare `score`.
STANCES = list(
    dict.fromkeys(
        label
        for score in range(-2, 3)
        for issue in ISSUE_ORDER
        for label, s in SCALE[issue].items()
        if s == score
    )
)

# Weakest to strongest: the panel lets the stronger type prevail within a month.
EVIDENCE_TYPES = {
    "non_official_statement": "words of a person who does not speak for the "
    "state (a legislator, a regional leader, a commentator)",
    "policy_action": "an act of government reported second-hand "
    "(a cancelled parade, a blocked shipment)",
    "official_statement": "words of the head of state or government, the "
    "foreign ministry or their official spokespeople",
    "vote": "a recorded vote in an international body",
    "legal_act": "a law, decree, order or regulation",
}

CONFIDENCE = {
    "low": "indirect source, or the coding needed judgement (the note says why)",
    "medium": "one reliable report",
    "high": "an official record, or two independent reliable reports that agree",
}

ACTOR_KINDS = {
    "state": "a sovereign state: UN member, UN observer state, Kosovo or Taiwan",
    "entity": "a contested entity that claims statehood",
    "organisation": "an international organisation or alliance",
    "person": "an individual, attached to the state they belong to",
}

UN_STATUS = {
    "member": "UN member state",
    "observer": "non-member observer state",
    "non_member": "neither member nor observer state",
}

SOURCE_KINDS = {
    "un_record": "a UN document or voting record",
    "legal_text": "the text of a law, decree, order or regulation",
    "government_statement": "a government's own statement or transcript",
    "news_report": "a news report by a wire, outlet or state news agency",
    "research": "a reference work, tracker or research publication",
}

# In the order of the official record. non_voting is not an abstention: the
# state was absent or had lost its vote (Charter Article 19 arrears).
VOTES = {
    "yes": "voted in favour",
    "no": "voted against",
    "abstain": "abstained",
    "non_voting": "recorded as not voting: absent, or without the right to "
    "vote; not an abstention, and it yields no observation",
}

# Why the panel has no stance for a state, issue and month: missing is never
# neutral, and the reason says what kind of missing it is.
MISSING_REASONS = {
    "no_evidence": "no sourced evidence of the state's stance up to this month",
    "non_voting": "no evidence other than being recorded as not voting on a "
    "resolution coded on this issue (absent, or without the right to vote)",
    "not_un_member": "no evidence, and the state has no General Assembly votes "
    "because it is not a UN member (observer states, Kosovo, Taiwan)",
}

# Words that contributors sometimes type for "missing"; an empty cell says it.
MISSING_WORDS = ["N/A", "NA", "n/a", "na", "-", "--", "?", "unknown", "Unknown",
                 "none", "None", "null", "NULL", "nan", "NaN"]

# How specific a resolution (or instrument) is to an issue: a vote on a text
# that bundles several questions says less about each of them.
SPECIFICITY = {
    "specific": "the text is mainly about this issue: a vote on it is direct "
    "evidence of the state's stance",
    "bundled": "the issue is one of several questions the text bundles: a vote "
    "on it fills a gap but never displaces other evidence",
}

# What the panel's stance rests on in a month.
BASIS = {
    "in_force": "durable evidence in force (a legal act, a sanctions regime, a "
    "recognition, an aid or supply programme), not ended, expired or "
    "contradicted",
    "latest": "the latest evidence that is not a vote on a bundled text, "
    "with no durable evidence in force (or stronger later evidence of the "
    "same sign)",
    "bundled_vote": "only votes on, or signatures of, texts that bundle this "
    "issue with others (a resolution, a G20 or BRICS declaration)",
}

# What became of the state's durable evidence on the issue, as of the month.
ACT_STATUS = {
    "in_force": "durable evidence is in force",
    "ended": "the latest durable evidence was ended by a later observation "
    "(a suspension, a repeal, a withdrawal)",
    "expired": "the latest durable evidence expired on its own terms",
    "contradicted": "the latest durable evidence was displaced by later "
    "evidence pointing the other way",
}

# The bodies whose recorded votes the roll-call tables hold.
BODIES = {
    "general_assembly": "UN General Assembly: every member state votes",
    "security_council": "UN Security Council: its 15 members of the day vote",
    "human_rights_council": "UN Human Rights Council: its 47 members of the session vote",
}

# How a state takes part in a multi-state instrument.
PARTICIPATION = {
    "signed": "signed or endorsed the text",
    "joined": "joined the coalition, register or agreement",
    "attended_not_signed": "took part but did not sign or endorse the text",
    "withdrew": "withdrew its endorsement or left",
}
