"""Render a result: the view of its format, through the pager when the output is long."""

from __future__ import annotations

import sys

from glossary_cli.output import Format, OutputContext


def render(result: object, ctx: OutputContext) -> None:
    """Write the result to the context's stream in its format (importing only that view);
    through the pager when the context has one and the text is taller than the screen."""
    if ctx.pager is None:
        _render(result, ctx)
        return
    from glossary_cli.output import terminal_height
    from glossary_cli.views.pager import paged

    height = terminal_height(ctx.env)
    with paged(ctx.stream, ctx.pager, ctx.env, height, ctx.width, _pager_warning) as stream:
        # The same context but for the stream: colour and width were decided for the terminal.
        _render(result, ctx._replace(stream=stream, pager=None))


def _pager_warning(problem: str) -> None:
    sys.stderr.write(f"glossary: warning: {problem}; printing directly\n")


def _render(result: object, ctx: OutputContext) -> None:
    """Only the format's own view is imported: one module each, for every kind of result."""
    if ctx.format is Format.RICH:
        from glossary_cli.views import rich_view

        rich_view.render(result, ctx)
        return
    if ctx.format is Format.JSON:
        from glossary_cli.views import json_view

        json_view.write(result, ctx.stream)
    elif ctx.format is Format.MARKDOWN:
        from glossary_cli.views import markdown_view

        ctx.stream.write(markdown_view.render(result))
    else:
        from glossary_cli.views import plain

        plain.write(result, ctx.stream)
