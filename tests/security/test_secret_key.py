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


def test_a_worker_starting_while_another_writes_the_key_never_reads_it_empty(tmp_path, monkeypatch):
    """The moment the first worker makes its key, a second worker starts and reads the file."""
    import secrets

    from portal import config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    real_token_hex = secrets.token_hex
    second_worker_read = []

    def token_hex_while_another_worker_starts(size: int) -> str:
        if not second_worker_read:
            second_worker_read.append(None)
            second_worker_read[0] = config.secret_key(str(tmp_path))
        return real_token_hex(size)

    monkeypatch.setattr(config.secrets, "token_hex", token_hex_while_another_worker_starts)
    first = config.secret_key(str(tmp_path))
    assert len(second_worker_read[0]) == 64
    assert second_worker_read[0] == first == (tmp_path / "secret_key").read_text()
    assert [path.name for path in tmp_path.iterdir()] == ["secret_key"]  # no temporary left


def test_many_workers_starting_together_share_one_key(tmp_path, monkeypatch):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from portal.config import secret_key

    monkeypatch.delenv("SECRET_KEY", raising=False)
    workers = 16
    together = threading.Barrier(workers)

    def start_worker(_number: int) -> str:
        together.wait()
        return secret_key(str(tmp_path))

    with ThreadPoolExecutor(workers) as pool:
        keys = set(pool.map(start_worker, range(workers)))
    assert len(keys) == 1 and len(keys.pop()) == 64


def test_an_empty_key_file_left_by_an_older_version_says_what_to_do(tmp_path, monkeypatch):
    import pytest

    from portal.config import SettingsError, secret_key

    monkeypatch.delenv("SECRET_KEY", raising=False)
    (tmp_path / "secret_key").write_text("")
    with pytest.raises(SettingsError, match=r"is empty\. Delete it"):
        secret_key(str(tmp_path))
