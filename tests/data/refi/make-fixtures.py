#!/usr/bin/env python3
"""Write the hand-made REFI-QDA test files of tests/data/refi/ (the files
from other programs are kept as they were published; see README.md).
Run from this directory; the output is deterministic."""
import zipfile

NS = 'urn:QDA-XML:project:1.0'
U1 = '11111111-1111-4111-8111-111111111111'
C1 = '22222222-2222-4222-8222-222222222222'
S1 = '33333333-3333-4333-8333-333333333333'


def qde(sources, origin='handmade', codes=None, extra=''):
    codes = codes or f'<Code guid="{C1}" name="Verbinden" isCodable="true" color="#1f77b4"/>'
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{NS}" name="proef" origin="{origin}">\n'
            f'<Users><User guid="{U1}" name="Anna de Vries"/></Users>\n'
            f'<CodeBook><Codes>{codes}</Codes></CodeBook>\n<Sources>{sources}</Sources>{extra}\n</Project>\n')


def sel(guid, a, b):
    return (f'<PlainTextSelection guid="{guid}" startPosition="{a}" endPosition="{b}" creatingUser="{U1}">'
            f'<Coding guid="{guid[:-4]}cccc" creatingUser="{U1}"><CodeRef targetGUID="{C1}"/></Coding>'
            f'</PlainTextSelection>')


def write(name, members, symlink=None):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        for n, data in members:
            info = zipfile.ZipInfo(n, date_time=(1980, 1, 2, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if n == symlink:
                info.external_attr = (0o120777 << 16)
                info.create_system = 3
            z.writestr(info, data)


# CRLF, a BOM, NFD "café", a character outside the BMP; positions count
# CR LF as two and the BOM not at all.
text = '\ufeffI: Hoe gaat het?\r\nR: Goed, cafe\u0301 \U0001F600 verbinden.\r\n'
body = text[1:]
good_a = body.index('verbinden')
good = sel('aaaaaaaa-0000-4000-8000-000000000001', good_a, good_a + len('verbinden'))
inside_crlf = sel('aaaaaaaa-0000-4000-8000-000000000002', 3, body.index('\r') + 1)
inside_accent = sel('aaaaaaaa-0000-4000-8000-000000000003', 0, body.index('\u0301'))
past_end = sel('aaaaaaaa-0000-4000-8000-000000000004', 0, len(body) + 5)
src = (f'<TextSource guid="{S1}" name="gesprek.txt" plainTextPath="internal://{S1}.txt">'
       f'{good}{inside_crlf}{inside_accent}{past_end}</TextSource>')
write('positions.qdpx', [('project.qde', qde(src)), (f'sources/{S1}.txt', text.encode())])

# ATLAS.ti names the project file after the project and counts CR LF as one.
body1 = body.replace('\r\n', '\n')
a = body1.index('verbinden')
src = (f'<TextSource guid="{S1}" name="gesprek.txt" plainTextPath="internal://{S1}.txt">'
       f'{sel("aaaaaaaa-0000-4000-8000-000000000005", a, a + 9)}</TextSource>')
write('atlas-named.qdpx', [('Mijn project.qde', qde(src, origin='ATLAS.ti 23.1.1')),
                           (f'sources/{S1}.txt', text.encode())])

# NVivo counts UTF-16 code units: the emoji before 'verbinden' is two
# characters, and a position between its two halves has no image.
def u16(s):
    return len(s.encode('utf-16-le')) // 2


a = u16(body[:body.index('verbinden')])
e = u16(body[:body.index('\U0001F600')])
src = (f'<TextSource guid="{S1}" name="gesprek.txt" plainTextPath="internal://{S1}.txt">'
       f'{sel("aaaaaaaa-0000-4000-8000-000000000007", a, a + 9)}'
       f'{sel("aaaaaaaa-0000-4000-8000-000000000008", e + 1, a + 9)}</TextSource>')
write('nvivo-utf16.qdpx', [('project.qde', qde(src, origin='NVivo for Windows 12.6')),
                           (f'sources/{S1}.txt', text.encode())])

# A text inside project.qde, and a variable that must not become a case.
V1 = '44444444-4444-4444-8444-444444444444'
K1 = '55555555-5555-4555-8555-555555555555'
extra = ''
src = (f'<TextSource guid="{S1}" name="inline"><PlainTextContent>Ik verbind bewoners.</PlainTextContent>'
       f'{sel("aaaaaaaa-0000-4000-8000-000000000006", 3, 10)}</TextSource>')
doc = qde(src).replace('<Sources>', f'<Variables><Variable guid="{V1}" name="leeftijd" typeOfVariable="Integer"/>'
                       f'</Variables><Cases><Case guid="{K1}" name="resp-1"><VariableValue>'
                       f'<VariableRef targetGUID="{V1}"/><IntegerValue>42</IntegerValue></VariableValue>'
                       f'<SourceRef targetGUID="{S1}"/></Case></Cases><Sources>')
write('inline.qdpx', [('project.qde', doc)])

# Unsafe archives.
small = qde('')
write('zip-slip.qdpx', [('project.qde', small), ('sources/../../evil.txt', 'x')])
write('absolute.qdpx', [('project.qde', small), ('/tmp/evil.txt', 'x')])
write('symlink.qdpx', [('project.qde', small), ('sources/link.txt', '/etc/passwd')], symlink='sources/link.txt')
write('bomb.qdpx', [('project.qde', b'<' + b' ' * (80 << 20))])
write('xxe.qdpx', [('project.qde', '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                    f'<Project xmlns="{NS}" name="&x;"/>\n')])
write('no-qde.qdpx', [('project.xml', small)])
