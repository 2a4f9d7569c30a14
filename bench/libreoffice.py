"""`make bench` (letters, comparison): the same letters as equivalent HTML
documents converted to PDF by LibreOffice headless, as staff do today.
Reports the time of one conversion including LibreOffice's start (what a
desk waits for one letter) and the time per letter in a batch of 20 (start
shared), with the PDF's size. Prints figures; fails nothing."""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

src = pathlib.Path(sys.argv[1])
BATCH = 20


def convert(files, out, profile):
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
         "--outdir", str(out), *map(str, files)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    profile = tmp / "profile"
    # The first start creates the profile; it is not counted.
    warm = sorted(src.glob("*.html"))[0]
    convert([warm], tmp / "warm", profile)
    print(f"\nLibreOffice {subprocess.run(['soffice', '--version'], capture_output=True, text=True).stdout.strip()}")
    print(f"{'jenis':<26} {'bentuk':<10} {'1 surat ms':>11} {'per surat ms (20)':>18} {'byte':>9}")
    for html in sorted(src.glob("*.html")):
        name, form = html.stem.rsplit("-", 1)
        one = tmp / "one"
        t0 = time.perf_counter()
        convert([html], one, profile)
        single = (time.perf_counter() - t0) * 1000
        size = (one / (html.stem + ".pdf")).stat().st_size
        batch_in = tmp / "batch-in"
        batch_in.mkdir(exist_ok=True)
        copies = []
        for i in range(BATCH):
            p = batch_in / f"{html.stem}-{i}.html"
            shutil.copy(html, p)
            copies.append(p)
        t0 = time.perf_counter()
        convert(copies, tmp / "batch-out", profile)
        per = (time.perf_counter() - t0) * 1000 / BATCH
        shutil.rmtree(batch_in)
        print(f"{name:<26} {form:<10} {single:>11.0f} {per:>18.0f} {size:>9}")
