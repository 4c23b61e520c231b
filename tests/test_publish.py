"""Publish: the contract's layout, exact contents, byte-identical rebuilds, atomic replacement."""

from __future__ import annotations

import datetime
import errno
import hashlib
import json
from pathlib import Path

import frictionless
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.errors import PublishError
from pipeline.io import atomic as atomic_module
from pipeline.metadata.registry import table_registry
from pipeline.outputs.publish import publish
from tests.support.samples import NE_ID, YORK_ID, sample_tables

TABLES = [table.name for table in table_registry().tables]
LAYOUT = sorted(
    [f"csv/{name}.csv" for name in TABLES]
    + [f"parquet/{name}.parquet" for name in TABLES]
    + ["data_dictionary.csv", "data_dictionary.md", "datapackage.json"]
    + ["sqlite/safeguarding_early_adopters.sqlite", "xlsx/safeguarding_early_adopters.xlsx"]
)
DOCUMENT_ID = "ncb-safeguarding-early-adopters-v2"


@pytest.fixture
def tables(tmp_path: Path) -> dict[str, pd.DataFrame]:
    return sample_tables(tmp_path / "reference")


@pytest.fixture
def out(tmp_path: Path, tables: dict[str, pd.DataFrame]) -> Path:
    out = tmp_path / "site" / "out"
    publish(tables, out)
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, hidden ones included, by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def text(out: Path, name: str) -> str:
    return (out / name).read_bytes().decode("utf-8")


# --- layout and contents --------------------------------------------------------


def test_layout_is_exactly_the_contract(out: Path, tables):
    assert sorted(snapshot(out)) == LAYOUT
    assert sorted(path.name for path in out.parent.iterdir()) == ["out"]


def test_published_output_lists_every_file_with_size_and_digest(tmp_path: Path, tables):
    published = publish(tables, tmp_path / "out")
    files = snapshot(tmp_path / "out")
    assert published.out_dir == tmp_path / "out"
    assert [(f.path, f.bytes, f.sha256) for f in published.files] == [
        (name, len(data), hashlib.sha256(data).hexdigest()) for name, data in files.items()
    ]


def test_csv_is_utf8_without_bom_with_header_and_newline_endings(out: Path):
    assert text(out, "csv/sites.csv") == (
        "site_id,site_name,region,region_code,page_start,page_end,n_local_authorities,"
        "document_id\n"
        f'{NE_ID},"Gateshead, Newcastle upon Tyne",North East,E12000001,3,4,2,{DOCUMENT_ID}\n'
        f"{YORK_ID},York’s Partnership,Yorkshire and The Humber,E12000003,5,5,2,{DOCUMENT_ID}\n"
    )
    assert text(out, "csv/regions.csv") == (
        "region_code,region_name\n"
        "E12000001,North East\n"
        "E12000003,Yorkshire and The Humber\n"
        "E12000005,West Midlands\n"
    )
    for name in LAYOUT:
        if name.endswith(".csv"):
            data = (out / name).read_bytes()
            assert not data.startswith(b"\xef\xbb\xbf")
            assert b"\r" not in data
            assert data.endswith(b"\n")


def test_numbers_and_missing_values_in_csv(tmp_path: Path, tables):
    tables["documents"].loc[0, "publisher"] = None
    tables["documents"].loc[0, "published"] = None
    publish(tables, tmp_path / "out")
    assert text(tmp_path / "out", "csv/approaches.csv").splitlines()[1] == (
        f"{NE_ID}-s1-i1,{NE_ID},1,Alternative structural model,1,"
        "A strategic forum across 6 authorities.,bullet,3,272.0,160.0,539.46,196.5,"
        "alternative-structural-model,printed-theme"
    )
    assert text(tmp_path / "out", "csv/approaches.csv").splitlines()[-1].endswith(",,")
    assert text(tmp_path / "out", "csv/documents.csv").splitlines()[1] == (
        f"{DOCUMENT_ID},Safeguarding Early Adopters,,NCB Safeguarding Early-Adopters (v2).pdf,"
        f"{'0123456789abcdef' * 4},6,158053,,https://example.org/safeguarding-early-adopters.pdf"
    )


def test_rows_are_published_in_registry_order_whatever_the_input_order(tmp_path: Path, tables):
    publish(tables, tmp_path / "sorted")
    shuffled = {name: frame.iloc[::-1] for name, frame in tables.items()}
    publish(shuffled, tmp_path / "shuffled")
    assert snapshot(tmp_path / "shuffled") == snapshot(tmp_path / "sorted")


def test_two_publishes_of_the_same_tables_are_byte_identical(tmp_path: Path, tables):
    publish(tables, tmp_path / "first")
    first = snapshot(tmp_path / "first")
    publish(sample_tables(tmp_path / "reference-again"), tmp_path / "second")
    assert snapshot(tmp_path / "second") == first
    publish(tables, tmp_path / "first")  # replacing the previous output
    assert snapshot(tmp_path / "first") == first


# --- Parquet --------------------------------------------------------------------


def test_parquet_is_described_typed_and_free_of_run_metadata(out: Path, tables):
    dictionary_columns = {
        ("local_authorities", "la_type"),
        ("approaches", "list_style"),
        ("approaches", "theme_link"),
    }
    for table in table_registry().tables:
        schema = pq.read_schema(out / f"parquet/{table.name}.parquet")
        assert schema.names == table.column_names
        assert schema.metadata == {
            b"description": table.description.encode(),
            b"primary_key": json.dumps(list(table.primary_key)).encode(),
        }
        for column in table.columns:
            field = schema.field(column.name)
            assert field.metadata[b"description"].decode() == column.description != ""
            assert field.nullable == column.nullable
            if (table.name, column.name) in dictionary_columns:
                assert field.type == pa.dictionary(pa.int32(), pa.string())
            else:
                expected = {
                    "string": pa.string(),
                    "integer": pa.int64(),
                    "number": pa.float64(),
                    "date": pa.date32(),
                }
                assert field.type == expected[column.type]


def test_parquet_loads_in_pyarrow_and_pandas_with_the_published_values(out: Path, tables):
    for name, frame in tables.items():
        arrow_table = pq.read_table(out / f"parquet/{name}.parquet")
        assert arrow_table.num_rows == len(frame)
        loaded = pd.read_parquet(out / f"parquet/{name}.parquet")
        categorical = [
            c for c in loaded.columns if isinstance(loaded[c].dtype, pd.CategoricalDtype)
        ]
        loaded[categorical] = loaded[categorical].astype("str")
        if name == "documents":  # a date reads back as a datetime.date
            assert loaded.loc[0, "published"] == datetime.date(2018, 6, 29)
            loaded["published"] = loaded["published"].map(datetime.date.isoformat).astype("str")
        pd.testing.assert_frame_equal(loaded, frame)
    authorities = pd.read_parquet(out / "parquet/local_authorities.parquet")
    assert isinstance(authorities["la_type"].dtype, pd.CategoricalDtype)


# --- datapackage.json -----------------------------------------------------------


def test_datapackage_passes_frictionless_validation(out: Path):
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])


def test_frictionless_catches_a_dangling_foreign_key_in_the_published_files(out: Path):
    """Shows the validation above has teeth: the package declares keys frictionless checks."""
    themes_csv = out / "csv/site_themes.csv"
    data = themes_csv.read_bytes().replace(b",voice-of-the-child\n", b",voice-of-children\n")
    themes_csv.write_bytes(data)
    descriptor = json.loads(text(out, "datapackage.json"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "site_themes")
    resource["bytes"] = len(data)
    resource["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
    (out / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = frictionless.validate(out / "datapackage.json")
    assert report.flatten(["type"]) == [["foreign-key"]]


def test_datapackage_json_is_sorted_indented_and_ends_with_a_newline(out: Path):
    raw = text(out, "datapackage.json")
    descriptor = json.loads(raw)
    assert raw == json.dumps(descriptor, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_datapackage_describes_every_file_with_its_size_and_digest(out: Path):
    descriptor = json.loads(text(out, "datapackage.json"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["name"] == "safeguarding-early-adopters"
    files = snapshot(out)
    described = {resource["path"]: resource for resource in descriptor["resources"]}
    assert sorted(described) == sorted(set(LAYOUT) - {"datapackage.json"})
    for path, resource in described.items():
        assert resource["bytes"] == len(files[path])
        assert resource["hash"] == f"sha256:{hashlib.sha256(files[path]).hexdigest()}"
    assert descriptor["sources"][-1] == {
        "title": "Safeguarding Early Adopters",
        "path": "NCB Safeguarding Early-Adopters (v2).pdf",
        "sha256": "0123456789abcdef" * 4,
    }
    assert [license["name"] for license in descriptor["licenses"]] == ["notspecified", "OGL-UK-3.0"]


def test_table_schemas_carry_keys_and_constraints_from_the_registry(out: Path):
    descriptor = json.loads(text(out, "datapackage.json"))
    sites = next(r for r in descriptor["resources"] if r["name"] == "sites")
    assert (sites["format"], sites["mediatype"], sites["encoding"]) == ("csv", "text/csv", "utf-8")
    schema = sites["schema"]
    assert schema["primaryKey"] == ["site_id"]
    assert schema["foreignKeys"] == [
        {
            "fields": ["region_code"],
            "reference": {"resource": "regions", "fields": ["region_code"]},
        },
        {
            "fields": ["region_code", "region"],
            "reference": {"resource": "regions", "fields": ["region_code", "region_name"]},
        },
        {
            "fields": ["document_id"],
            "reference": {"resource": "documents", "fields": ["document_id"]},
        },
    ]
    fields = {field["name"]: field for field in schema["fields"]}
    assert [field["name"] for field in schema["fields"]] == table_registry().table(
        "sites"
    ).column_names
    assert fields["region"] == {
        "name": "region",
        "type": "string",
        "description": table_registry().table("sites").column("region").description,
        "constraints": {
            "required": True,
            "enum": ["North East", "West Midlands", "Yorkshire and The Humber"],
        },
    }
    assert fields["page_end"]["constraints"] == {"required": True, "minimum": 1, "maximum": 6}
    assert fields["site_id"]["constraints"] == {
        "required": True,
        "unique": True,
        "pattern": "[a-z0-9]+(-[a-z0-9]+)*",
    }
    parquet = next(r for r in descriptor["resources"] if r["name"] == "sites-parquet")
    assert (parquet["path"], parquet["format"]) == ("parquet/sites.parquet", "parquet")


# --- data dictionary ------------------------------------------------------------


def test_data_dictionary_csv_has_one_row_per_column_with_an_example(out: Path):
    lines = text(out, "data_dictionary.csv").splitlines()
    assert lines[0] == "table,column,type,nullable,description,values,example"
    assert len(lines) == 1 + sum(len(table.columns) for table in table_registry().tables)
    assert lines[-2:] == [
        "regions,region_code,string,false,ONS GSS code of the region (E12…).,,E12000001",
        "regions,region_name,string,false,Name of the region as ONS writes it.,,North East",
    ]
    assert (
        "approaches,x1,number,false,"
        '"Right edge of the item\'s box on that page, in PDF points from the left.",,539.46'
    ) in lines
    assert (
        'documents,publisher,string,true,"Publisher as printed on the cover, e.g. '
        'National Children’s Bureau; empty where the cover names none.",,'
        "National Children’s Bureau" in lines
    )
    assert (
        "approaches,list_style,string,false,How the item is marked: bullet or numbered.,"
        "bullet; numbered,bullet" in lines
    )


def test_data_dictionary_md_covers_every_table_and_column(out: Path):
    markdown = text(out, "data_dictionary.md")
    for table in table_registry().tables:
        assert f"\n## {table.name}\n" in markdown
        for column in table.columns:
            assert f"\n| {column.name} | {column.type} | " in markdown
    assert (
        "| theme_published | string | no | The theme as printed, qualifiers included, e.g. "
        "Contextualised safeguarding (domestic abuse). | Alternative structural model |"
    ) in markdown
    assert "\n## Identifiers: what stays the same across editions\n" in markdown
    # The values of every enumerated column, under its table.
    for table in table_registry().tables:
        section = markdown.split(f"\n## {table.name}\n", 1)[1].split("\n## ", 1)[0]
        for column in table.columns:
            assert (f"\n- `{column.name}`: " in section) is column.is_enumerated, column.name
    assert "\n- `list_style`: `bullet`, `numbered`\n" in markdown
    assert "\n- `region`: `North East`, `West Midlands`, `Yorkshire and The Humber`\n" in markdown


# --- atomic replacement ---------------------------------------------------------


def test_a_failed_write_leaves_the_previous_output_untouched(out: Path, tables, monkeypatch):
    before = snapshot(out.parent)
    written: list[Path] = []
    real_write = atomic_module.write_durably

    def write_then_fail(path: Path, data: bytes) -> None:
        if len(written) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        real_write(path, data)

    monkeypatch.setattr(atomic_module, "write_durably", write_then_fail)
    tables["sites"].loc[0, "site_name"] = "Changed"
    with pytest.raises(PublishError) as raised:
        publish(tables, out)
    assert raised.value.message.startswith(f"cannot publish to {out}: No space left on device (")
    assert raised.value.message.endswith("); the folder was left as it was")
    assert len(written) == 3
    assert snapshot(out.parent) == before


def test_a_failed_swap_puts_the_previous_output_back(out: Path, tables, monkeypatch):
    before = snapshot(out.parent)
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self.name.startswith(".out.tmp-"):
            raise OSError(errno.EXDEV, "Invalid cross-device link", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    # the two-rename swap, used where the folders cannot be exchanged in one step
    monkeypatch.setattr(atomic_module, "exchanged", lambda temporary, out: False)
    tables["sites"].loc[0, "site_name"] = "Changed"
    with pytest.raises(PublishError):
        publish(tables, out)
    assert snapshot(out.parent) == before


def test_leftovers_of_a_killed_publish_are_removed(out: Path, tables):
    for leftover in (".out.tmp-99999", ".out.old-99999", ".other.tmp-1"):
        (out.parent / leftover / "csv").mkdir(parents=True)
        (out.parent / leftover / "csv" / "sites.csv").write_text("partial", encoding="utf-8")
    publish(tables, out)
    assert sorted(path.name for path in out.parent.iterdir()) == [".other.tmp-1", "out"]


def test_an_empty_or_new_folder_is_published_into(tmp_path: Path, tables):
    (tmp_path / "empty").mkdir()
    publish(tables, tmp_path / "empty")
    publish(tables, tmp_path / "new" / "deeper")
    assert sorted(snapshot(tmp_path / "empty")) == LAYOUT
    assert snapshot(tmp_path / "new" / "deeper") == snapshot(tmp_path / "empty")


def test_a_file_is_never_replaced(tmp_path: Path, tables):
    target = tmp_path / "notes.txt"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(PublishError) as raised:
        publish(tables, target)
    assert (
        raised.value.message == f"{target} exists and is not a folder; choose another output folder"
    )
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    "datapackage",
    [None, '{"name": "someone-elses-data"}', "not json"],
)
def test_a_folder_that_is_not_an_earlier_output_is_never_replaced(
    tmp_path: Path, tables, datapackage: str | None
):
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter1.md").write_text("years of work", encoding="utf-8")
    if datapackage is not None:
        (folder / "datapackage.json").write_text(datapackage, encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(PublishError) as raised:
        publish(tables, folder)
    assert raised.value.message == (
        f"refusing to replace {folder}: it is not empty and has no datapackage.json named "
        '"safeguarding-early-adopters", so it is not an earlier output of this pipeline; '
        "choose another output folder, or empty or remove this one yourself"
    )
    assert snapshot(tmp_path) == before


def test_a_symbolic_link_is_never_replaced(out: Path, tables):
    link = out.parent / "link"
    link.symlink_to(out, target_is_directory=True)
    before = snapshot(out)
    with pytest.raises(PublishError) as raised:
        publish(tables, link)
    assert raised.value.message == f"{link} is a symbolic link; give the folder it points to"
    assert link.is_symlink()
    assert snapshot(out) == before
