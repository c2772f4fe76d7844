"""The secret key: from the environment, or made once in instance/ and never read half-written."""

from __future__ import annotations


def test_secret_key_is_generated_once_into_instance(tmp_path, monkeypatch):
    from portal.config import secret_key

    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key(str(tmp_path))
    assert len(first) == 64
    assert secret_key(str(tmp_path)) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert secret_key(str(tmp_path)) == "from-the-environment"
