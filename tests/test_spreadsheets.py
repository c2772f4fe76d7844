"""portal/spreadsheets.py: one formula-safe cell and one streamed CSV download."""

import csv
import io

from portal.spreadsheets import csv_download, safe_cell


def test_cells_that_start_like_a_formula_stay_text():
    for risky in ("=1+1", "+44 1234", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(risky) == "'" + risky
    assert safe_cell(None) == "" and safe_cell(12) == "12" and safe_cell("Sam") == "Sam"


def test_download_is_a_safe_csv_file_sent_in_pieces(app):
    many = [["=bad", n, None] for n in range(10_000)]  # more than one piece
    with app.test_request_context("/"):
        response = csv_download("list.csv", ["Name", "Number", "Note"], iter(many))
        assert response.is_streamed
        assert response.headers["Content-Disposition"] == 'attachment; filename="list.csv"'
        pieces = list(response.response)
    assert len(pieces) > 1
    text = "".join(pieces)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Name", "Number", "Note"]
    assert rows[1] == ["'=bad", "0", ""] and len(rows) == 10_001
