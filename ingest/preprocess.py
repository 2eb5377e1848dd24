"""Clean a page image before OCR: grayscale, deskew, and where needed denoise and Sauvola threshold.

Tesseract's own binarisation (Otsu) suffers on uneven scans, and its orientation detection
(OSD) finds 90° turns but not the half-degree tilt a feeder scanner adds, which costs
whole lines. Skew is measured on a reduced copy (the angle does not need full resolution).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image
from skimage.filters import threshold_sauvola

MAX_SKEW = 5.0  # degrees; larger turns are not "small skew" and are left to the user
SKEW_MIN_CORRECT = 0.1
SKEW_WORK_WIDTH = 800  # px of the reduced copy used to measure the angle
SKEW_STRIPS = 40  # vertical strips whose row profiles are shifted in the coarse search
NOISY = 6.0  # grey levels of pixel noise above which a page is denoised
UNEVEN = 40.0  # grey levels of background spread above which Sauvola thresholding is used


@dataclass(frozen=True)
class Preprocessed:
    image: Image.Image  # grayscale, same size as the input
    skew_degrees: float
    steps: tuple[str, ...]  # what was applied, recorded in the page info
    turned: float = 0.0  # degrees the image was rotated by (0.0 when the skew was too small to correct)

    def align(self, colour: np.ndarray) -> np.ndarray:
        """A colour copy of the input turned as the prepared image was, so that its pixels
        match the OCR boxes."""
        return rotate(colour, self.turned) if self.turned else colour


def measure_skew(gray: np.ndarray) -> float:
    """The rotation in degrees (counter-clockwise positive, as OpenCV turns) that levels the
    text lines; 0.0 on a page without ink.

    A projection profile: text lines are sharpest (the variance of the row sums of ink is
    largest) when they are level. Searched coarse to fine, ±5° in 0.5° steps, then ±0.5° in
    0.05° steps, on a reduced, Otsu-binarised copy. The coarse steps shift the row profiles of
    narrow vertical strips instead of turning the image (a small turn is nearly a shear): a
    third cheaper per page, and the same angles on the 20 bench pages and 30 real scanned
    pages. The fine steps, where a strip's shift is below a pixel, turn the image. The
    ``deskew`` package's Hough transform found the same angles on our rendered scans but cost
    about 3 s a page at this resolution against 0.1 s here, more than the overhead allowed
    over Tesseract itself.
    """
    scale = SKEW_WORK_WIDTH / gray.shape[1]
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if not ink.any():
        return 0.0
    height, width = ink.shape

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        rows = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
        return float(np.var(rows))

    strip = width // SKEW_STRIPS
    profiles = np.stack([ink[:, k * strip:(k + 1) * strip].sum(axis=1, dtype=np.float64) for k in range(SKEW_STRIPS)])
    centres = (np.arange(SKEW_STRIPS) + 0.5) * strip - width / 2

    def sheared_sharpness(angle: float) -> float:
        rows = np.zeros(3 * height)  # room for shifts of up to a page's height either way
        for profile, shift in zip(profiles, np.rint(-centres * np.tan(np.radians(angle))).astype(int)):
            rows[height + shift:2 * height + shift] += profile
        return float(np.var(rows[height:2 * height]))

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.5), key=sheared_sharpness)
    fine = max(np.arange(coarse - 0.5, coarse + 0.5 + 1e-9, 0.05), key=sharpness)
    return round(float(fine), 2)


def rotate(image: np.ndarray, angle: float) -> np.ndarray:
    """``image`` (grayscale or colour) turned about its centre, the corners filled with white."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def background_spread(gray: np.ndarray) -> float:
    """How uneven the paper is: the spread (5th–95th percentile) of the background, with the
    text removed by a grey closing on a reduced copy. Flat scans spread a few grey levels;
    shadows, stains and yellowed edges tens."""
    small = cv2.resize(gray, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    low, high = np.percentile(paper, [5, 95])
    return float(high - low)


def noise_level(gray: np.ndarray) -> float:
    """Grey-level noise: the median absolute deviation of a pixel from its 3×3 median,
    over a central crop (robust to text edges, which are few)."""
    h, w = gray.shape
    crop = gray[h // 4: 3 * h // 4, w // 4: 3 * w // 4]
    diff = np.abs(crop.astype(np.int16) - cv2.medianBlur(crop, 3).astype(np.int16))
    return float(np.median(diff) * 1.4826)


def preprocess(image: Image.Image) -> Preprocessed:
    """Prepare one page image for Tesseract.

    Always: grayscale and deskew. Only where the page needs it: a 3×3 median against
    grain, and Sauvola's local threshold against uneven paper. On flat, clean pages both
    cost accuracy (``bench/ocr_cer.py``: thin diacritics are eroded), so Tesseract then gets
    the deskewed grayscale and binarises it itself.
    """
    gray = np.asarray(image.convert("L"))
    steps = ["grayscale"]
    if noise_level(gray) > NOISY:
        gray = cv2.medianBlur(gray, 3)
        steps.append("median-denoise")
    angle = measure_skew(gray)
    turned = angle if abs(angle) >= SKEW_MIN_CORRECT else 0.0
    if turned:
        gray = rotate(gray, turned)
        steps.append(f"deskew {angle:+.2f}°")
    if background_spread(gray) > UNEVEN:
        threshold = threshold_sauvola(gray, window_size=51, k=0.2)
        gray = np.where(gray > threshold, 255, 0).astype(np.uint8)
        steps.append("sauvola")
    return Preprocessed(Image.fromarray(gray), round(angle, 2), tuple(steps), turned)
