"""The output folder: manifest of finished works, error log, Parquet parts, the DuckDB database."""
from __future__ import annotations

import json
from pathlib import Path

from ficmeld.errors import FicmeldError

DB_NAME = "ficmeld.duckdb"
VIEWS = {
    "quotes_with_speakers": """
        SELECT q.*, w.title, w.path, c.role AS speaker_role, c.gender AS speaker_gender
        FROM quotes q JOIN works w USING (work_id)
        LEFT JOIN characters c ON c.work_id = q.work_id AND c.character_id = q.speaker_id""",
    "scenes_with_pov": """
        SELECT s.*, w.title, w.path, c.role AS pov_role, c.gender AS pov_gender
        FROM scenes s JOIN works w USING (work_id)
        LEFT JOIN characters c ON c.work_id = s.work_id AND c.character_id = s.pov_id""",
    "character_emotions": """
        SELECT e.work_id, w.title, e.experiencer_id AS character_id, c.name, e.emotion,
               count(*) AS cues, avg(e.intensity) AS mean_intensity, max(e.intensity) AS peak_intensity
        FROM emotions e JOIN works w USING (work_id)
        LEFT JOIN characters c ON c.work_id = e.work_id AND c.character_id = e.experiencer_id
        WHERE NOT e.negated
        GROUP BY ALL""",
}


class Store:
    def __init__(self, out: str | Path):
        self.out = Path(out)
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FicmeldError(f"cannot create the output folder: {exc.strerror}", path=str(out)) from exc
        self.tables = self.out / "tables"
        self.manifest = self.out / "done.jsonl"
        self.errors = self.out / "errors.jsonl"
        self.db = self.out / DB_NAME

    def done(self) -> set[str]:
        if not self.manifest.exists():
            return set()
        lines = self.manifest.read_text(encoding="utf-8").splitlines()
        return {json.loads(line)["sha256"] for line in lines if line.strip()}

    def mark_done(self, records: list[dict]) -> None:
        self._append(self.manifest, records)

    def log_errors(self, records: list[dict]) -> None:
        self._append(self.errors, records)

    @staticmethod
    def _append(path: Path, records: list[dict]) -> None:
        with path.open("a", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    def rebuild_database(self) -> None:
        """Load every Parquet part into DuckDB tables and (re)create the joining views."""
        import duckdb

        from ficmeld.export.parquet import TABLES

        con = duckdb.connect(str(self.db))
        try:
            for name in TABLES:
                parts = self.tables / name
                if any(parts.glob("*.parquet")):
                    con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM "
                                f"read_parquet('{parts.as_posix()}/*.parquet', union_by_name = true)")
            existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if {"works", "quotes", "scenes", "emotions", "characters"} <= existing:
                for name, sql in VIEWS.items():
                    con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
        finally:
            con.close()
