"""Feed documents built piece by piece, for tests that need odd ones (encodings, DOCTYPEs)."""

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


def rss(*items: str, encoding: str = "utf-8", doctype: str = "") -> bytes:
    """An RSS 2.0 document of ready-made <item> elements."""
    head = f'<?xml version="1.0" encoding="{encoding}"?>{doctype}'
    body = f'<rss version="2.0"><channel><title>T</title>{"".join(items)}</channel></rss>'
    return (head + body).encode(encoding)


def item(title: str, link: str | None = None, guid: str | None = None, extra: str = "") -> str:
    """One <item>: a title, and a link, a guid and extra XML when given."""
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if guid:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    return f"<item>{''.join(parts)}{extra}</item>"
