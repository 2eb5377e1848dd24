"""Clean a page image before OCR: grayscale, deskew, and where needed denoise and Sauvola threshold.

Tesseract's own binarisation (Otsu) suffers on uneven scans, and its orientation detection
(OSD) finds 90° turns but not the half-degree tilt a feeder scanner adds, which costs
whole lines. Skew is measured on a reduced copy (the angle does not need full resolution).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from deskew import determine_skew
from PIL import Image
from skimage.filters import threshold_sauvola

MAX_SKEW = 5.0  # degrees; larger turns are not "small skew" and are left to the user
SKEW_MIN_CORRECT = 0.1
SKEW_WORK_WIDTH = 1000  # px of the reduced copy used to measure the angle
NOISY = 6.0  # grey levels of pixel noise above which a page is denoised
UNEVEN = 40.0  # grey levels of background spread above which Sauvola thresholding is used


@dataclass(frozen=True)
class Preprocessed:
    image: Image.Image  # grayscale, same size as the input
    skew_degrees: float
    steps: tuple[str, ...]  # what was applied, recorded in the page info


def measure_skew(gray: np.ndarray) -> float:
    """The tilt in degrees (positive = counter-clockwise), 0.0 when none is found."""
    scale = SKEW_WORK_WIDTH / gray.shape[1]
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    angle = determine_skew(small, max_angle=MAX_SKEW, min_deviation=0.05)
    if angle is None or not np.isfinite(angle) or abs(angle) > MAX_SKEW:
        return 0.0
    return float(angle)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


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
    if abs(angle) >= SKEW_MIN_CORRECT:
        gray = rotate(gray, angle)
        steps.append(f"deskew {angle:+.2f}°")
    if background_spread(gray) > UNEVEN:
        threshold = threshold_sauvola(gray, window_size=51, k=0.2)
        gray = np.where(gray > threshold, 255, 0).astype(np.uint8)
        steps.append("sauvola")
    return Preprocessed(Image.fromarray(gray), round(angle, 2), tuple(steps))
