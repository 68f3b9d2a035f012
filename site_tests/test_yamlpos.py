"""Bytes → positioned YAML: encodings, syntax, duplicate keys, aliases, implicit types."""

import pytest

from disclosure.yamlpos import MAX_ALIAS_EXPANSIONS, LoadError, Mapping, load_yaml


def load(data: bytes):
    problems = []
    return load_yaml(data, "directory.yml", problems), problems


def messages(data: bytes) -> list[str]:
    with pytest.raises(LoadError) as caught:
        load(data)
    return [str(p) for p in caught.value.problems]


def test_positions_of_keys_and_values():
    root, problems = load("a:\n  b: 值\n".encode())
    assert problems == []
    inner = root["a"]
    assert isinstance(inner, Mapping)
    assert (inner.key_pos["b"].line, inner.key_pos["b"].col) == (2, 3)
    assert (inner.value_pos["b"].line, inner.value_pos["b"].col) == (2, 6)


def test_scalars_stay_strings_no_yaml11_surprises():
    root, _ = load(b"n: 012\nb: no\nd: 2021-03-01\ne:\nq: ''\n")
    assert root == {"n": "012", "b": "no", "d": "2021-03-01", "e": None, "q": ""}


def test_utf8_bom_is_accepted():
    root, _ = load("\ufeffa: 甲\n".encode("utf-8"))
    assert root == {"a": "甲"}


def test_gbk_file_is_rejected_with_position_and_advice():
    [message] = messages("a: 1\nb: 中文\n".encode("gbk"))
    assert message.startswith("directory.yml:2:4: 文件: 文件不是 UTF-8 编码")
    assert "GBK" in message and "UTF-8" in message


def test_utf16_file_is_rejected():
    [message] = messages("a: 1\n".encode("utf-16"))
    assert "UTF-16" in message


@pytest.mark.parametrize("data", [b"", b"   \n\n", "\ufeff".encode(), b"# comments only\n\n# nothing else\n"])
def test_empty_file(data):
    [message] = messages(data)
    assert "文件为空" in message


def test_tab_indentation_gets_a_chinese_hint():
    [message] = messages(b"a:\n\tb: 1\n")
    assert message.startswith("directory.yml:2:1: ") and "Tab" in message


def test_syntax_error_names_line_and_column():
    [message] = messages(b"a: [1, 2\nb: 3\n")
    assert message.startswith("directory.yml:") and "YAML 语法错误" in message


def test_duplicate_keys_are_problems_not_silently_dropped():
    root, problems = load(b"a: 1\nb: 2\na: 3\n")
    assert [str(p) for p in problems] == ["directory.yml:3:1: a: 重复的键“a”（第 1 行已有）：YAML 只会保留最后一个，请删除或合并其中一个"]
    assert root["a"] == "1"


def test_alias_bomb_is_stopped():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i-1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    [message] = messages("\n".join(lines).encode())
    assert "别名" in message
    assert MAX_ALIAS_EXPANSIONS < 10**8
