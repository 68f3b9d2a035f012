"""Bytes → YAML values that remember where they were written.

Every mapping is a `Mapping` (a dict with the positions of its keys and values), every sequence a
`Sequence` (a list with the positions of its items). Plain scalars stay strings: YAML 1.1's implicit
types would silently turn `012` into 10 or `no` into False, which is data loss for an editor.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .collector import collector_paused
from .problems import FILE_LEVEL, Pos, Problem
from .xmlchars import first_forbidden

try:  # libyaml's C parser: the catalogue can hold 100k entries
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_ALIAS_EXPANSIONS = 10_000  # nodes reached again through aliases; billion-laughs guard


_DEFAULT_TAGS = {ScalarNode: "tag:yaml.org,2002:str", SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}


class _StringsOnlyLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Resolves every plain scalar to a string; `null`/`~`/empty still mean "no value"."""

    yaml_implicit_resolvers: dict = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        """What the resolver would answer without implicit resolvers, without its per-node Python work."""
        return _DEFAULT_TAGS[kind]


class Mapping(dict):
    """A YAML mapping; `key_pos[k]` and `value_pos[k]` say where key and value were written."""

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.value_pos: dict[str, Pos] = {}


class Sequence(list):
    """A YAML sequence; `item_pos[i]` says where item i was written."""

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


class LoadError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def load_yaml(data: bytes, file: str, problems: list[Problem]) -> Any:
    """Parse YAML bytes into Mapping/Sequence/str/None.

    Problems that still leave a usable tree (duplicate keys) are appended to `problems`; those that
    don't (encoding, syntax, alias bombs) raise LoadError.
    """
    text = decode_utf8(data, file)
    if not text.strip():
        raise LoadError([_empty(file)])
    if unreadable := unreadable_characters(text, file):
        raise LoadError(unreadable)
    return load_text(text, file, problems)


def load_text(text: str, file: str, problems: list[Problem]) -> Any:
    """`load_yaml` of text already decoded and checked for unreadable characters."""
    with collector_paused():
        try:
            root = yaml.compose(text, Loader=_StringsOnlyLoader)
        except yaml.MarkedYAMLError as error:
            raise LoadError([_syntax_problem(error, file, text)]) from None
        except yaml.YAMLError as error:
            raise LoadError([Problem(file, 1, 1, FILE_LEVEL, f"YAML 无法解析：{error}")]) from None
        if root is None:  # comments only: no document
            raise LoadError([_empty(file)])
        return _Converter(file, problems).convert(root)


def _empty(file: str) -> Problem:
    return Problem(file, 1, 1, FILE_LEVEL, "文件为空：请按格式填写内容")


def decode_utf8(data: bytes, file: str) -> str:
    """UTF-8 with or without BOM; anything else raises LoadError saying to save as UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise LoadError([Problem(file, 1, 1, FILE_LEVEL, "文件是 UTF-16 编码：请用 UTF-8 编码另存")])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        guess = "（看起来是 GBK/GB18030 编码）" if _looks_like_gbk(data) else ""
        message = f"文件不是 UTF-8 编码{guess}：请在编辑器中选择“UTF-8”编码另存后再提交"
        raise LoadError([Problem(file, line, col, FILE_LEVEL, message)]) from None


# What YAML's reader refuses (yaml.reader.Reader.NON_PRINTABLE), plus the characters it reads as line
# breaks although editors see none (NEL, U+2028, U+2029): either would give a Python message at 1:1 or
# a misleading "missing colon" further on.
UNREADABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
MAX_REPORTED = 20


def unreadable_characters(text: str, file: str) -> list[Problem]:
    """Each invisible character YAML cannot read, at its line and column."""
    problems = []
    for match in UNREADABLE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(Problem(file, line, col, FILE_LEVEL, invisible_message(match[0])))
        if len(problems) == MAX_REPORTED:
            break
    return problems


def invisible_message(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in "\x85\u2028\u2029":
        return f"这里有一个看不见的换行符 {code}（常见于从网页或 Word 复制的文字）：请删除它，需要换行时直接按回车"
    return f"这里有一个看不见的控制字符 {code}（常见于从网页或 Word 复制的文字）：请删除它"


def _looks_like_gbk(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def _syntax_problem(error: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = error.problem or ""
    if "\\t" in detail or (mark is not None and text[mark.index:mark.index + 1] == "\t"):
        hint = "这里用了 Tab 缩进：YAML 只能用空格缩进"
    elif "mapping values are not allowed" in detail:
        hint = "冒号位置不对：值里含有“: ”时请用引号把整个值括起来，或检查缩进"
    elif "could not find expected ':'" in detail:
        hint = "缺少“键: 值”中的冒号，或上一行缩进不一致"
    elif "did not find expected" in detail or "expected <block end>" in detail:
        hint = "缩进不一致：同一层的行必须对齐，列表项以“- ”开头"
    else:
        hint = "请检查这一行附近的缩进、冒号和引号"
    return Problem(file, line, col, FILE_LEVEL, f"YAML 语法错误：{hint}（{detail}）")


class _Converter:
    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.seen: set[int] = set()
        self.alias_expansions = 0

    def pos(self, node: Node) -> Pos:
        return Pos(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def convert(self, node: Node, path: str = "") -> Any:
        if id(node) in self.seen:  # reached again: an alias
            self.alias_expansions += 1
            if self.alias_expansions > MAX_ALIAS_EXPANSIONS:
                message = "YAML 别名（&/*）展开过多，疑似“别名炸弹”：请不要使用锚点和别名"
                self.problems.append(Problem(self.file, *self._line_col(node), path or FILE_LEVEL, message))
                raise LoadError(self.problems)
        self.seen.add(id(node))
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            result = Sequence(self.pos(node))
            for i, item in enumerate(node.value):
                result.append(self.convert(item, f"{path}[{i}]"))
                result.item_pos.append(self.pos(item))
            return result
        assert isinstance(node, ScalarNode)
        self._check_characters(node, path)
        if node.tag == "tag:yaml.org,2002:null" or (not node.style and node.value in ("", "~", "null", "Null", "NULL")):
            return None
        return node.value

    def _check_characters(self, node: ScalarNode, path: str) -> None:
        """Escapes in double quotes ("\\x01", "\\0", "\\uFFFF") give characters XML and Excel cannot carry;
        nothing else can (the text was checked for them, `unreadable_characters`)."""
        if node.style != '"':
            return
        offset = first_forbidden(node.value)
        if offset is not None:
            message = invisible_message(node.value[offset]).replace("（常见于从网页或 Word 复制的文字）", "（由引号中的转义写出）")
            self.problems.append(Problem(self.file, *self._line_col(node), path or FILE_LEVEL, message))

    def _line_col(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _mapping(self, node: MappingNode, path: str) -> Mapping:
        result = Mapping(self.pos(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(Problem(self.file, *self._line_col(key_node), path or FILE_LEVEL, "键必须是简单的文字"))
                continue
            self._check_characters(key_node, path)
            key = key_node.value
            key_path = f"{path}.{key}" if path else key
            if key == "<<":
                self.problems.append(Problem(self.file, *self._line_col(key_node), key_path, "不支持 YAML 合并键“<<”：请把内容直接写出"))
                continue
            if key in result:
                first = result.key_pos[key]
                message = f"重复的键“{key}”（第 {first.line} 行已有）：YAML 只会保留最后一个，请删除或合并其中一个"
                self.problems.append(Problem(self.file, *self._line_col(key_node), key_path, message))
                continue
            result[key] = self.convert(value_node, key_path)
            result.key_pos[key] = self.pos(key_node)
            result.value_pos[key] = self.pos(value_node)
        return result
