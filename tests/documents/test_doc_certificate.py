"""The 监督能手 certificate: landscape A4, red border and title, name, citation, office and date."""

import pytest
from pdfprobe import fonts_without_file, page_sizes, page_texts, runs

from wzdesk.documents import build_certificate, render_certificate
from wzdesk.documents.gbt9704 import RED
from wzdesk.documents.samples import sample_context


@pytest.fixture
def certificate(fonts, tmp_path):
    """Render the sample certificate into a folder with Chinese and spaces."""
    cert = build_certificate(sample_context("certificate"))
    return render_certificate(cert, tmp_path / "证书 2026" / "监督能手 刘桂兰.pdf", fonts)


def test_certificate_is_landscape_a4(certificate):
    """One page, 841.89 × 595.28 pt."""
    assert page_sizes(certificate) == [pytest.approx((841.89, 595.28), abs=0.01)]


def test_certificate_text_reads_back(certificate):
    """Title, recipient, citation, closing, office, date and number are extractable Chinese."""
    text = page_texts(certificate)[0].replace("\n", "")
    expected_parts = ("刘桂兰同志：", "监督能手", "特发此证，以资鼓励。", "邵阳市网络问政督办室",
                      "2026年11月5日", "邵问督证字第12号")
    for expected in expected_parts:
        assert expected in text


def test_certificate_title_is_red_and_fonts_embedded(certificate):
    """The big title is drawn in red; every font is embedded."""
    title = next(run for run in runs(certificate, 0) if "监督能手证书" in run.text.replace(" ", ""))
    assert title.colour == pytest.approx((RED.red, RED.green, RED.blue), abs=0.01)
    assert fonts_without_file(certificate) == []
