#!/usr/bin/env python3
"""Rebuild the transcription-convention fixtures in tests/data/transcripts/:
timestamps (f4/f5, [00:01:02], (00:01)), speaker labels in other styles,
sentences with a colon that are no labels, and transcripts laid out as a
table in .docx and .odt, as f4/f5 and transcription services export them.
Deterministic: the same run gives byte-identical files (zip members carry
the fixed date 1980-01-01).

Usage:  python3 tests/data/make-transcripts.py
"""
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'transcripts')
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'


def write_bytes(name, data):
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)


def write_text(name, text):
    write_bytes(name, text.encode('utf-8'))


def write_zip(name, members):
    """members: list of (path, bytes, stored?)"""
    with zipfile.ZipFile(os.path.join(HERE, name), 'w') as z:
        for arc, data, stored in members:
            zi = zipfile.ZipInfo(arc, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            z.writestr(zi, data)


# ------------------------------------------------------------------ .docx
def docx_para(text, bold=False):
    if text == '':
        return '<w:p/>'
    rpr = '<w:rPr><w:b/></w:rPr>' if bold else ''
    return '<w:p><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (rpr, escape(text))


def docx_cell(text, width):
    paras = text.split('\n\n') if text else ['']
    return ('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>'
            % (width, ''.join(docx_para(p) for p in paras)))


def docx_table(rows, widths, header=False):
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="Tabelraster"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>',
           '<w:tblGrid>%s</w:tblGrid>' % ''.join('<w:gridCol w:w="%d"/>' % w for w in widths)]
    for i, row in enumerate(rows):
        trpr = '<w:trPr><w:tblHeader/></w:trPr>' if header and i == 0 else ''
        out.append('<w:tr>%s%s</w:tr>' % (trpr, ''.join(docx_cell(c, w) for c, w in zip(row, widths))))
    out.append('</w:tbl>')
    return ''.join(out)


def write_docx(name, body):
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>' % (W_NS, body))
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
ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')


def odt_para(text, style='P1'):
    return '<text:p text:style-name="%s">%s</text:p>' % (style, escape(text))


def odt_row(row):
    cells = []
    for c in row:
        paras = c.split('\n\n') if c else ['']
        cells.append('<table:table-cell table:style-name="Tabel1.A1" office:value-type="string">%s</table:table-cell>'
                     % ''.join(odt_para(p) for p in paras))
    return '<table:table-row>%s</table:table-row>' % ''.join(cells)


def odt_table(rows, header=False, filler=0):
    out = ['<table:table table:name="Tabel1" table:style-name="Tabel1">',
           '<table:table-column table:style-name="Tabel1.A" table:number-columns-repeated="%d"/>'
           % (len(rows[0]) + (1 if filler else 0))]
    body = rows
    if header:
        out.append('<table:table-header-rows>%s</table:table-header-rows>' % odt_row(rows[0]))
        body = rows[1:]
    for row in body:
        r = odt_row(row)
        if filler:
            # an empty cell repeated, as some writers pad a row
            r = r.replace('</table:table-row>',
                          '<table:table-cell table:number-columns-repeated="%d"/></table:table-row>' % filler)
        out.append(r)
    out.append('</table:table>')
    return ''.join(out)


def write_odt(name, body):
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<office:document-content %s office:version="1.2">'
               '<office:automatic-styles>'
               '<style:style style:name="P1" style:family="paragraph"/>'
               '</office:automatic-styles>'
               '<office:body><office:text>%s</office:text></office:body>'
               '</office:document-content>' % (ODT_NS, body))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    write_zip(name, [('mimetype', b'application/vnd.oasis.opendocument.text', True),
                     ('META-INF/manifest.xml', manifest.encode('utf-8'), False),
                     ('content.xml', content.encode('utf-8'), False)])


# ------------------------------------------------------------------ the fixtures
def main():
    os.makedirs(HERE, exist_ok=True)

    # f4/f5: a mark at the end of each paragraph (the moment Enter was
    # pressed), one paragraph a line as f4's plain-text export writes it.
    write_text('f4-export.txt',
               'Interview 12 wijkteam Zuid #00:00:02-1#\n'
               'I: Hoe lang werkt u al in het wijkteam? #00:00:05-2#\n'
               'B: Sinds de start, dus vier jaar. #00:00:09-8#\n'
               'I: En wat is er in die tijd veranderd? #00:00:13-0#\n'
               'B: We kennen de buurt beter. #00:00:17-4#\n'
               'Maar de wachtlijsten zijn langer. #00:00:21-9#\n'
               'I: Dank u wel. #00:00:23-5#\n')

    # Marks at the start of a turn, in the label, on a line of their own.
    write_text('tijden.txt',
               '[00:00:00] Start opname\n'
               '\n'
               '[00:00:04] I: Wat doet u precies?\n'
               '\n'
               'R: [00:00:09] Ik ben wijkcoach in Zwolle-Zuid.\n'
               '\n'
               'Interviewer (00:00:15): En hoe bepaalt u wat nodig is?\n'
               '\n'
               '(00:21)\n'
               'R: Door eerst te luisteren.\n'
               '\n'
               '[00:00:30] Soms duurt dat weken.\n'
               '\n'
               'I: Herkenbaar. [00:00:41]\n')

    # Labels in lower case, with a name in brackets, as short codes.
    write_text('labels.txt',
               'INT: Hoe gaat het met de samenwerking?\n'
               '\n'
               'R1: Goed, we zien elkaar elke week.\n'
               '\n'
               'i: En met de huisarts?\n'
               '\n'
               'r: Dat is lastiger.\n'
               '\n'
               'Interviewer (Anna): Waarom?\n'
               '\n'
               'Respondent (Piet de Vries): Hij heeft weinig tijd.\n'
               '\n'
               'int: Begrijpelijk.\n'
               '\n'
               'respondent 2: Bij ons is dat anders.\n')

    # Sentences with a colon at the start of a line that are no labels.
    write_text('geen-labels.txt',
               'I: Hoe plant u de huisbezoeken?\n'
               '\n'
               'R: Dat hangt ervan af.\n'
               'Let op: niet elk gezin wil een bezoek.\n'
               'Dus: we bellen eerst.\n'
               'NB: dat staat ook in het protocol.\n'
               'om 10:30 hebben we overleg, en\n'
               '10:30 is voor de meeste ouders te vroeg.\n'
               'URL: https://www.wijkteam.example/afspraak\n'
               'https://www.wijkteam.example/afspraak is het adres.\n'
               'Ja: dat werkt goed.\n')

    # Most of the words before the only line that looks like a label: a
    # report, not a transcript.
    write_text('verslag.txt',
               'Verslag van het teamoverleg van het wijkteam over de nieuwe werkwijze. '
               'Aanwezig waren de wijkcoaches, de teamleider en twee beleidsmedewerkers '
               'van de gemeente. Het overleg ging vooral over de wachtlijsten en de '
               'samenwerking met de huisartsen in de wijk.\n'
               '\n'
               'De teamleider legde uit dat de wachttijd in het voorjaar is opgelopen tot '
               'zes weken, en dat de gemeente extra uren heeft toegezegd.\n'
               '\n'
               'Actiepunt: de coaches maken een overzicht.\n')

    # A transcription service's Word export: a title, a table with a
    # header row, a time, a speaker and a text column; one row goes on
    # without a speaker; a note after the table.
    rows = [
        ['Tijd', 'Spreker', 'Tekst'],
        ['00:00:03', 'Interviewer', 'Hoe lang werkt u al als wijkverpleegkundige?'],
        ['00:00:07', 'Respondent', 'Een jaar of acht. Eerst in de thuiszorg, nu bij Buurtzorg.'],
        ['00:00:15', '', 'En daarvoor in het ziekenhuis.'],
        ['00:00:19', 'Interviewer', 'Wat is het grootste verschil?'],
        ['00:00:24', 'Respondent', 'De ruimte om zelf te beslissen.\n\nDat had ik in het ziekenhuis nooit.'],
    ]
    write_docx('dienst-tabel.docx',
               docx_para('Interview wijkverpleging, 3 maart', bold=True) +
               docx_para('Transcriptie: Tekstbureau Noord') +
               docx_table(rows, [1200, 1800, 6000]) +
               docx_para('Einde van de opname.'))

    # An f4/f5 table export: the header row marked as repeating, the time
    # as f4 writes it.
    rows = [
        ['Zeitmarke', 'Sprecher', 'Transkript'],
        ['#00:00:01-4#', 'I', 'Wat betekent eigen kracht voor u?'],
        ['#00:00:06-0#', 'B', 'Dat mensen eerst zelf kijken wat ze kunnen.'],
        ['#00:00:12-7#', 'I', 'En als dat niet lukt?'],
        ['#00:00:15-2#', 'B', 'Dan kijken we samen naar het netwerk.'],
    ]
    write_docx('f4-tabel.docx', docx_table(rows, [1400, 900, 6700], header=True))

    # LibreOffice: two columns, speaker and text, no header; a padding
    # cell at the end of each row; a heading before and a note after.
    rows = [
        ['Onderzoeker', 'Hoe verloopt de samenwerking met de gemeente?'],
        ['Cliënt 2', 'Wisselend. Soms snel, soms duurt het maanden.'],
        ['Onderzoeker', 'Kunt u een voorbeeld geven?'],
        ['Cliënt 2', 'Mijn aanvraag voor een traplift lag drie maanden stil.'],
    ]
    write_odt('twee-kolommen.odt',
              odt_para('Gesprek 4', 'P1') + odt_table(rows, filler=2) + odt_para('Opgenomen in het buurthuis.'))

    # An .odt with header rows and a time column in brackets.
    rows = [
        ['Tijd', 'Wie', 'Wat'],
        ['[00:01:02]', 'Moderator', 'Welkom allemaal bij deze focusgroep.'],
        ['[00:01:10]', 'Deelnemer 1', 'Dank je. Ik werk bij het AMW.'],
        ['[00:01:15]', 'Deelnemer 2', 'En ik bij MEE.'],
    ]
    write_odt('focusgroep.odt', odt_table(rows, header=True))

    # Tables that are no transcript stay loose paragraphs: names with
    # their functions, and a layout table of one row.
    rows = [
        ['Naam', 'Functie'],
        ['Anna', 'wijkcoach'],
        ['Bram', 'teamleider'],
        ['Cees', 'beleidsmedewerker'],
        ['Dewi', 'huisarts'],
    ]
    write_docx('geen-transcript.docx',
               docx_para('I: Wie zaten er aan tafel?') +
               docx_table(rows, [3000, 6000]) +
               docx_para('R: Het hele team, zoals in de tabel.'))


if __name__ == '__main__':
    main()
