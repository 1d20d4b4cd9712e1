"""Programs and scripts inside an upload: a file anyone downloads from the site must not carry one, whether
packed in a .zip, kept as a part of an Office package, or wrapped in a Packager object (an icon in a Word
document that runs `setup.exe` or `readme.vbs` when double-clicked).

A file is judged by its name (the extensions Windows runs, or hands to a script host, on a double click —
the kinds Outlook blocks as attachments — and those of other systems) and by its content (the headers of
Windows PE, ELF and Mach-O programs), so a program renamed to .txt is found too."""

import struct
from pathlib import PurePosixPath

# Extensions run on a double click (Windows: programs, installers, shortcuts, script hosts, HTML
# applications, control-panel items, registry files; other systems' programs and packages).
EXECUTABLE_EXTENSIONS = frozenset({
    ".exe", ".com", ".scr", ".pif", ".cpl", ".dll", ".ocx", ".msi", ".msp", ".mst", ".msc",
    ".bat", ".cmd", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".wsc", ".ps1", ".psm1", ".psd1",
    ".hta", ".lnk", ".url", ".scf", ".reg", ".inf", ".jar", ".chm", ".application", ".appref-ms", ".gadget",
    ".sh", ".bash", ".command", ".app", ".apk", ".run",
})
# How a program starts: ELF; Mach-O (32/64-bit, either byte order; universal binaries share their magic with
# Java class files, which run too). Windows PE: "MZ", then the offset of "PE\0\0" at 0x3C (checked, so a text
# that happens to begin with MZ is not a program).
PROGRAM_MAGIC = (b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",
                 b"\xca\xfe\xba\xbe")
PE_OFFSET_AT = 0x3C
# Bytes of a file's beginning looked at: a PE header lies within its first few hundred bytes, but Windows
# runs one whose offset points further into the file; such a file (MZ, an offset past HEAD_BYTES but within
# its size) counts as a program unread (a text beginning with MZ points gigabytes away).
HEAD_BYTES = 4096


class Executable(Exception):  # noqa: N818 — a finding, raised through the look, not an error of the code
    """A program or script was found; `name` is the file's name inside the upload."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def _named_executable(name: str) -> bool:
    base = PurePosixPath(name.replace("\\", "/").rstrip("/. ")).name.lower()
    # Windows drops trailing dots and spaces, and writes `setup.exe::$DATA` (an NTFS stream name) as setup.exe.
    return any(each.rstrip(". ").endswith(extension) for each in (base, base.split(":", 1)[0])
               for extension in EXECUTABLE_EXTENSIONS)


def _program(head: bytes, size: int) -> bool:
    if head.startswith(PROGRAM_MAGIC):
        return True
    if head.startswith(b"MZ") and len(head) >= PE_OFFSET_AT + 4:
        (offset,) = struct.unpack_from("<I", head, PE_OFFSET_AT)
        if offset + 4 > len(head):
            return offset + 4 <= size
        return head[offset:offset + 4] == b"PE\0\0"
    return False


def refuse(name: str, head: bytes = b"", size: int | None = None) -> None:
    """Raise Executable when the file called `name`, beginning with `head` (HEAD_BYTES of it at most) and
    `size` bytes long (when more than its head), is a program or a script."""
    if _named_executable(name) or _program(head, len(head) if size is None else size):
        raise Executable(name)
