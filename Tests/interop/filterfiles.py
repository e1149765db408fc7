"""Files the attachment blocker must recognise, made here from their format's definition:
executables with the right magic numbers, archives from Python's own modules, and OLE2
compound files ([MS-CFB]) with and without VBA storages or the MSI root class."""
import io
import struct
import zipfile
import tarfile
import gzip

PE = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode.\r\n" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 30

MSI_CLSID = bytes([0x84, 0x10, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46])


def zip_of(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def docx(with_macros=False) -> bytes:
    members = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
    if with_macros:
        members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0"
    return zip_of(members)


def tar_gz() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as t:
        data = b"hello"
        info = tarfile.TarInfo("a.txt")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    return out.getvalue()


def ole2(storages=(), root_clsid=b"\x00" * 16) -> bytes:
    """A minimal compound file: header, one FAT sector, one directory sector holding the
    root entry, a `WordDocument` stream and the given storages."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD

    def entry(name: str, kind: int, clsid=b"\x00" * 16) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        raw = encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
        raw += struct.pack("<III", free, free, free) + clsid + b"\x00" * 4 + b"\x00" * 16
        raw += struct.pack("<IIi", end if kind != 5 else end, 0, 0)
        return raw.ljust(128, b"\x00")

    entries = [entry("Root Entry", 5, root_clsid), entry("WordDocument", 2)]
    entries += [entry(name, 1) for name in storages]
    directory = b"".join(entries).ljust(512, b"\x00")
    fat = struct.pack("<II", fat_sector, end) + struct.pack("<I", free) * 126
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    assert len(header) == 512, len(header)
    return header + fat + directory
