#!/usr/bin/env python3
"""Rebuild the small test fixtures in this folder (bad and special inputs
for the unit and command-line tests).  Deterministic: the same run gives
byte-identical files (zip members carry the fixed date 1980-01-01).

Usage:  python3 tests/data/make-fixtures.py
"""
import os
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>').encode('utf-8')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '</Relationships>').encode('utf-8')


def write_bytes(name, data):
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)


def write_docx(name, document_xml):
    """A minimal .docx whose word/document.xml is `document_xml` (bytes)."""
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, 'w') as z:
        for arc, data in (('[Content_Types].xml', CONTENT_TYPES),
                          ('_rels/.rels', RELS),
                          ('word/document.xml', document_xml)):
            zi = zipfile.ZipInfo(arc, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            z.writestr(zi, data, compresslevel=9)


def main():
    # A text file renamed to .docx.
    write_bytes('not-a-zip.docx',
                'R: Dit is gewoon tekst, geen Word-document.\n'.encode('utf-8'))

    # The first half of a real .docx of the corpus.
    with open(os.path.join(TOP, 'corpora', 'formats', 's002-mee-interview-word.docx'), 'rb') as f:
        whole = f.read()
    write_bytes('truncated.docx', whole[:len(whole) // 2])

    # A zip bomb: word/document.xml is a valid document padded with 65 MiB
    # of spaces, which DEFLATE squeezes to about 65 KB.
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>R: bom</w:t></w:r></w:p>' % W_NS).encode('utf-8')
    tail = b'</w:body></w:document>'
    write_docx('zip-bomb.docx', head + b' ' * (65 << 20) + tail)

    # XXE: a document type declaration with an external entity.
    write_docx('xxe.docx', (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<!DOCTYPE w:document [\n'
        '  <!ENTITY xxe SYSTEM "file:///etc/hostname">\n'
        ']>\n'
        '<w:document xmlns:w="%s"><w:body>'
        '<w:p><w:r><w:t>R: De naam van deze machine is &xxe;.</w:t></w:r></w:p>'
        '</w:body></w:document>' % W_NS).encode('utf-8'))

    # Malformed XML: a <w:t> closed by </w:r> on line 4.
    write_docx('malformed.docx', (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="%s">\n'
        '<w:body><w:p><w:r><w:t>I: Hoe gaat het?</w:t></w:r></w:p>\n'
        '<w:p><w:r><w:t>R: Goed, dank je.</w:r></w:p>\n'
        '</w:body></w:document>\n' % W_NS).encode('utf-8'))

    # Valid UTF-8 on lines 1 and 2, a 0xFF byte on line 3.
    write_bytes('invalid-utf8.txt',
                'I: Hoe verloopt de coördinatie?\n\n'.encode('utf-8') +
                b'R: Dat gaat w\xffl goed.\n')

    write_bytes('empty.txt', b'')

    # A WebVTT file without its WEBVTT line.
    write_bytes('no-webvtt.vtt', (
        '00:00:01.000 --> 00:00:04.000\n'
        '<v Interviewer>Hoe lang werkt u al in het wijkteam?\n'
        '\n'
        '00:00:04.500 --> 00:00:09.000\n'
        '<v Respondent>Sinds de start, in 2015.\n').encode('utf-8'))

    # SubRip with a broken timing line (line 6: no milliseconds, one arrow dash).
    write_bytes('bad-timing.srt', (
        '1\n'
        '00:00:01,000 --> 00:00:04,000\n'
        'I: Hoe lang werkt u al in het wijkteam?\n'
        '\n'
        '2\n'
        '00:00:04 -> 00:00:09,000\n'
        'R: Sinds de start, in 2015.\n').encode('utf-8'))

    # One turn per speaker style the default pattern knows.
    write_bytes('dutch-styles.txt', (
        'I: Wat doet u precies in het wijkteam?\n'
        '\n'
        'R: Ik ben wijkcoach, ik ga bij gezinnen langs.\n'
        '\n'
        'Interviewer: Hoe bepaalt u wat een gezin nodig heeft?\n'
        '\n'
        'Respondent 3: Door eerst goed te luisteren, bijv. naar de kinderen.\n'
        '\n'
        'Participant 6: Bij ons gaat dat net zo.\n'
        '\n'
        '[00:12:03] Naam: Soms duurt het weken voor er vertrouwen is.\n'
        '\n'
        'P1 - Dat herken ik wel.\n'
        '\n'
        '**R:** En dan begint het eigenlijke werk pas.\n').encode('utf-8'))

    # Fake personal data that an anonymisation check must flag.
    write_bytes('anon.txt', (
        'I: Mag ik uw gegevens noteren voor de terugkoppeling?\n'
        '\n'
        'R: Ja hoor. Mijn mail is m.jansen@voorbeeld.nl en mijn nummer is 06-12345678.\n'
        '\n'
        'I: En uw adres?\n'
        '\n'
        'R: Dorpsstraat 1, 1234 AB Ergens. Mijn BSN is 111222333, als dat nodig is.\n'
        '\n'
        'I: Dank u. Wie was uw contactpersoon bij de gemeente?\n'
        '\n'
        'R: Dat was Marieke, die is bereikbaar op 020-1234567.\n').encode('utf-8'))


if __name__ == '__main__':
    main()
