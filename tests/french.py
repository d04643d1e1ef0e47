"""French as the app writes it: a no-break space before ``: ; ! ? % €`` and inside « »."""

import re


def fr(text: str) -> str:
    """``fr("5 000,00 €")`` is ``"5 000,00\\u00a0€"``: expected French written plainly."""
    text = re.sub(r" ([:;!?%€»])", "\u00a0\\1", text)
    return text.replace("« ", "«\u00a0")
