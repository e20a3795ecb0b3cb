"""Writes qr-codes.json: the module matrices python-qrcode (an implementation independent of ours) draws for a
few texts and every mask, at error correction level M in byte mode. QRCodeTests holds ours to them.
Run with the test virtualenv: .venv-test/bin/python Tests/AppTests/Fixtures/make-qr-fixtures.py"""
import json
import os

import qrcode
from qrcode.util import MODE_8BIT_BYTE, QRData

TEXTS = [
    "otpauth://totp/Ivareta:kari.admin?secret=JZVGK3TFONUGC4TFMRPXGZLDOJSXIX3LMV4TCMRT&issuer=Ivareta",
    "otpauth://totp/Ivareta:leader?secret=KNEESQKYIFBUUUKFKVDUYVZXGVMESRSVINDU2RSEJEZEIUZUKNCQ&issuer=Ivareta",
    "hello, world",
    "x",
    "Blå kjele ved elva – " * 7,
    "abcdefghij" * 20,
]

cases = []
for text in TEXTS:
    for mask in range(8):
        code = qrcode.QRCode(version=None, error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=mask)
        code.add_data(QRData(text.encode("utf-8"), mode=MODE_8BIT_BYTE))
        code.make(fit=True)
        cases.append({"text": text, "mask": mask, "version": code.version,
                      "rows": ["".join("1" if module else "0" for module in row) for row in code.modules]})

with open(os.path.join(os.path.dirname(__file__), "qr-codes.json"), "w") as out:
    json.dump(cases, out, ensure_ascii=False)
print(len(cases), "cases, versions", sorted({c["version"] for c in cases}))
