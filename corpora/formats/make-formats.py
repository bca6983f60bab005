#!/usr/bin/env python3
"""Rebuild the alternative-format copies in this folder from the .txt transcripts
in the parent folder.  Deterministic: same input gives byte-identical output.

Usage:  python3 make-formats.py
"""
import os
import re
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# output file name -> source transcript id (parent folder, without .txt)
JOBS = {
    's002-mee-interview-word.docx': 's002-mee-interview',
    's003-participant-12-writer.odt': 's003-participant-12',
    's002-buurtzorg-casussen-ondertitels.vtt': 's002-buurtzorg-casussen',
    's002-frion-casussen-ondertitels.srt': 's002-frion-casussen',
    's000-professional-6-utf16.txt': 's000-professional-6',
    's004-interviews-eigen-kracht-cp1252.txt': 's004-interviews-eigen-kracht',
    's003-participant-5-markdown.md': 's003-participant-5',
}


def read_turns(doc_id):
    with open(os.path.join(SRC, doc_id + '.txt'), encoding='utf-8') as f:
        raw = f.read()
    turns = []
    for para in raw.rstrip('\n').split('\n\n'):
        label, text = para.split(': ', 1)
        turns.append((label, text))
    return raw, turns


def write_bytes(name, data):
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)


def write_zip(name, members):
    """members: list of (path, bytes, stored?)"""
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, 'w') as z:
        for arc, data, stored in members:
            zi = zipfile.ZipInfo(arc, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            z.writestr(zi, data)


def split_sentences(text):
    """Split text into chunks whose concatenation is exactly `text`."""
    parts = re.split(r'(?<=[.?!]) ', text)
    chunks = [p + ' ' for p in parts[:-1]] + [parts[-1]]
    return [c for c in chunks if c]


# ------------------------------------------------------------------ .docx
def make_docx(name, doc_id):
    _, turns = read_turns(doc_id)
    W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
    # the turn whose text is split into several runs: the one with most sentences
    multi = max(range(len(turns)), key=lambda i: len(split_sentences(turns[i][1])))
    body = []
    for i, (label, text) in enumerate(turns):
        runs = ['<w:r><w:rPr><w:b/></w:rPr><w:t>%s:</w:t></w:r>' % escape(label)]
        if i == 0:
            # label and text separated by a tab instead of a space
            runs.append('<w:r><w:tab/><w:t xml:space="preserve">%s</w:t></w:r>' % escape(text))
        elif i == multi:
            chunks = split_sentences(text)
            for k, c in enumerate(chunks):
                c = (' ' + c) if k == 0 else c
                runs.append('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(c))
        else:
            runs.append('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(' ' + text))
        body.append('<w:p>%s</w:p>' % ''.join(runs))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>' % (W, ''.join(body)))
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/word/document.xml" '
                     'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                     '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/>'
            '</Relationships>')
    write_zip(name, [('[Content_Types].xml', content_types.encode('utf-8'), False),
                     ('_rels/.rels', rels.encode('utf-8'), False),
                     ('word/document.xml', document.encode('utf-8'), False)])


# ------------------------------------------------------------------ .odt
def make_odt(name, doc_id):
    _, turns = read_turns(doc_id)
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
    paras = []
    for label, text in turns:
        paras.append('<text:p><text:span text:style-name="T1">%s:</text:span><text:s/>%s</text:p>'
                     % (escape(label), escape(text)))
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<office:document-content %s office:version="1.2">'
               '<office:automatic-styles>'
               '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
               '</office:automatic-styles>'
               '<office:body><office:text>%s</office:text></office:body>'
               '</office:document-content>' % (ns, ''.join(paras)))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    write_zip(name, [('mimetype', b'application/vnd.oasis.opendocument.text', True),
                     ('META-INF/manifest.xml', manifest.encode('utf-8'), False),
                     ('content.xml', content.encode('utf-8'), False)])


# ------------------------------------------------------------------ subtitles
def timings(turns):
    """Synthetic, sequential cue times in milliseconds."""
    t = 1000
    out = []
    for _, text in turns:
        dur = max(2000, int(len(text.split()) * 350))
        out.append((t, t + dur))
        t += dur + 500
    return out


def ts(ms, sep):
    h, rem = divmod(ms, 3600000)
    m, rem = divmod(rem, 60000)
    s, ms = divmod(rem, 1000)
    return '%02d:%02d:%02d%s%03d' % (h, m, s, sep, ms)


def make_vtt(name, doc_id):
    _, turns = read_turns(doc_id)
    out = ['WEBVTT', '']
    for (label, text), (a, b) in zip(turns, timings(turns)):
        out.append('%s --> %s' % (ts(a, '.'), ts(b, '.')))
        out.append('<v %s>%s' % (label, escape(text)))
        out.append('')
    write_bytes(name, '\n'.join(out).encode('utf-8'))


def make_srt(name, doc_id):
    _, turns = read_turns(doc_id)
    out = []
    for n, ((label, text), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
        out.append(str(n))
        out.append('%s --> %s' % (ts(a, ','), ts(b, ',')))
        out.append('%s: %s' % (label, text))
        out.append('')
    write_bytes(name, '\n'.join(out).encode('utf-8'))


# ------------------------------------------------------------------ plain text encodings
def make_utf16(name, doc_id):
    raw, _ = read_turns(doc_id)
    write_bytes(name, b'\xff\xfe' + raw.encode('utf-16-le'))


def make_cp1252(name, doc_id):
    raw, _ = read_turns(doc_id)
    data = raw.encode('cp1252')           # strict: fails if not representable
    assert data.decode('cp1252') == raw   # lossless
    write_bytes(name, data)


# ------------------------------------------------------------------ markdown
def make_md(name, doc_id):
    _, turns = read_turns(doc_id)
    out = ['# %s' % doc_id, '']
    for label, text in turns:
        out.append('**%s:** %s' % (label, text))
        out.append('')
    write_bytes(name, '\n'.join(out).encode('utf-8'))


MAKERS = {'.docx': make_docx, '.odt': make_odt, '.vtt': make_vtt, '.srt': make_srt, '.md': make_md}

if __name__ == '__main__':
    for out_name, doc_id in JOBS.items():
        if out_name.endswith('-utf16.txt'):
            make_utf16(out_name, doc_id)
        elif out_name.endswith('-cp1252.txt'):
            make_cp1252(out_name, doc_id)
        else:
            MAKERS[os.path.splitext(out_name)[1]](out_name, doc_id)
        print(out_name, '<-', doc_id + '.txt')
