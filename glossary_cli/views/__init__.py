"""Views: each turns a command's result into text for one output format."""

from __future__ import annotations

import sys

from glossary_cli.output import Format, OutputContext


def render(result: object, ctx: OutputContext) -> None:
    """Write the result to the context's stream in its format (importing only that view)."""
    # `list` and `search` results have views of their own (views/found.py). Their module is
    # loaded only when such a result exists, so `show` never imports it to find that out.
    finding = sys.modules.get("glossary_cli.finding")
    if finding is not None and isinstance(result, (finding.ListResult, finding.SearchResult)):
        from glossary_cli.views import found

        found.render(result, ctx)
        return
    if ctx.format is Format.RICH:
        from glossary_cli.views import rich_view

        rich_view.render(result, ctx)
        return
    if ctx.format is Format.JSON:
        from glossary_cli.views import json_view

        text = json_view.render(result)
    elif ctx.format is Format.MARKDOWN:
        from glossary_cli.views import markdown_view

        text = markdown_view.render(result)
    else:
        from glossary_cli.views import plain

        text = plain.render(result)
    ctx.stream.write(text)
