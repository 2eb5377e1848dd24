"""Clean a page image before OCR: grayscale, light denoise, deskew, Sauvola threshold.

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


@dataclass(frozen=True)
class Preprocessed:
    image: Image.Image  # 1-bit-like grayscale (0/255), same size as the input
    skew_degrees: float


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


def preprocess(image: Image.Image) -> Preprocessed:
    """Prepare one page image for Tesseract."""
    gray = np.asarray(image.convert("L"))
    gray = cv2.medianBlur(gray, 3)
    angle = measure_skew(gray)
    if abs(angle) >= SKEW_MIN_CORRECT:
        gray = rotate(gray, angle)
    threshold = threshold_sauvola(gray, window_size=51, k=0.2)
    binary = np.where(gray > threshold, 255, 0).astype(np.uint8)
    return Preprocessed(Image.fromarray(binary), round(angle, 2))
