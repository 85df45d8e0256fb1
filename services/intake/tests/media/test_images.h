#pragma once
// Small, structurally valid images built byte by byte for the media tests: a baseline 8×8 grey
// JPEG (with optional EXIF GPS, XMP, comment, ICC profile and trailing data) and a 1×1 grey PNG
// (with optional eXIf and text chunks). Every decoder reads them; no binary fixtures needed.

#include <string>

namespace meldpunt::intake::testing {

struct JpegParts {
  bool exif_gps = false;   // APP1 "Exif" with a GPS IFD (latitude 50°49'N, longitude 5°11'E)
  bool xmp = false;        // APP1 XMP packet naming a GPS position
  bool comment = false;    // COM "secret comment"
  bool icc = false;        // APP2 ICC_PROFILE (kept)
  bool trailing = false;   // bytes after EOI (dropped)
  bool stuffed_scan = false;  // scan data with a stuffed FF 00 and a restart marker

  JpegParts& ExifGps() { exif_gps = true; return *this; }
  JpegParts& Xmp() { xmp = true; return *this; }
  JpegParts& Comment() { comment = true; return *this; }
  JpegParts& Icc() { icc = true; return *this; }
  JpegParts& Trailing() { trailing = true; return *this; }
  JpegParts& StuffedScan() { stuffed_scan = true; return *this; }
};

std::string MakeJpeg(const JpegParts& parts);

// The EXIF APP1 segment MakeJpeg inserts (for searching stripped output).
std::string ExifGpsSegment();

struct PngParts {
  bool exif = false;  // eXIf chunk with GPS
  bool text = false;  // tEXt "Comment" and iTXt XMP
  bool gamma = false;  // gAMA (kept)
  bool trailing = false;

  PngParts& Exif() { exif = true; return *this; }
  PngParts& Text() { text = true; return *this; }
  PngParts& Gamma() { gamma = true; return *this; }
  PngParts& Trailing() { trailing = true; return *this; }
};

std::string MakePng(const PngParts& parts);

// A PNG chunk with its length and CRC.
std::string PngChunk(const std::string& type, const std::string& data);

}  // namespace meldpunt::intake::testing
