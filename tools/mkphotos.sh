#!/usr/bin/env bash
# mkphotos.sh: draw the sample archive's "photos" procedurally with ImageMagick 6.
#
# Every picture in archive/photos/ is made here from gradients, plasma fractals
# and shapes, so the images are the project's own work and can be rebuilt:
#
#   tools/mkphotos.sh            # writes archive/photos/*
#   tools/mkphotos.sh OUTDIR     # writes somewhere else
#
# The output is deterministic for a given ImageMagick build: the random shapes
# come from a Park-Miller generator in awk (exact in double arithmetic, so mawk
# and gawk agree), plasma and noise use fixed -seed values, metadata is stripped
# and PNG date/time chunks are excluded.
#
# Drawing commands are passed with -draw in chunks (no @file or mvg: input),
# so the script also works under restrictive ImageMagick security policies.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-"$ROOT/archive/photos"}
CONVERT=${CONVERT:-convert}
mkdir -p "$OUT"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Fonts for the few text labels: DejaVu if installed, else the Noto Sans that
# ships in fonts/.
pick_font() {
  local f
  for f in "$@"; do
    if [ -r "$f" ]; then printf '%s\n' "$f"; return 0; fi
  done
  echo "mkphotos.sh: no usable font among: $*" >&2
  exit 1
}
SANS=$(pick_font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$ROOT/fonts/NotoSans-Regular.ttf")
SANS_BOLD=$(pick_font /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf "$ROOT/fonts/NotoSans-Bold.ttf")
SERIF_BOLD=$(pick_font /usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf "$ROOT/fonts/NotoSerif-Bold.ttf")

JPEG=(-strip -colorspace sRGB -depth 8 -sampling-factor 2x2 -interlace none -quality 85)
PNG=(-strip -depth 8 -define 'png:exclude-chunks=date,time' -define png:compression-level=9)

# gen NAME SEED: run the awk program on stdin, with rnd() in [0,1), ri(a,b) an
# integer in [a,b], pick(list) one of a space-separated list; writes $TMP/NAME.
gen() {
  local name=$1 seed=$2 prog
  prog=$(cat)
  awk -v seed="$seed" -v SANS="$SANS" -v SANS_BOLD="$SANS_BOLD" -v SERIF_BOLD="$SERIF_BOLD" '
    function rnd() { S = (S * 16807) % 2147483647; return S / 2147483647 }
    function ri(a, b) { return a + int(rnd() * (b - a + 1)) }
    function pick(list,   n, a) { n = split(list, a, " "); return a[1 + int(rnd() * n)] }
    BEGIN { S = seed }
    '"$prog" > "$TMP/$name"
}

# draw_args FILE: fill the array DRAW with "-draw CHUNK" pairs of at most 400
# lines each (one argument must stay below the kernel limit of 128 KiB).
draw_args() {
  local file=$1 chunk="" n=0 line
  DRAW=()
  while IFS= read -r line; do
    chunk+="$line"$'\n'
    n=$((n + 1))
    if [ "$n" -ge 400 ]; then DRAW+=(-draw "$chunk"); chunk=""; n=0; fi
  done < "$file"
  if [ -n "$chunk" ]; then DRAW+=(-draw "$chunk"); fi
}

# ---------------------------------------------------------------- cover.jpg
# Portrait 1600x2400: the harbour at dusk, a skyline, the sea and the masthead.
gen cover.draw 1601 <<'AWK'
BEGIN {
  # low sun and its halo
  print "fill #ffe2a3 fill-opacity 0.16 circle 1060,1110 1060,830"
  print "fill #ffd891 fill-opacity 0.3 circle 1060,1110 1060,950"
  print "fill #fff1c9 fill-opacity 1 circle 1060,1110 1060,1010"
  # thin clouds
  for (i = 0; i < 9; i++) {
    x = ri(-200, 1500); y = ri(700, 1200); w = ri(220, 520)
    printf "fill #f7c08a fill-opacity 0.%d ellipse %d,%d %d,%d 0,360\n", ri(2, 4), x, y, w, ri(10, 22)
  }
  # far skyline
  x = 0
  while (x < 1600) {
    w = ri(40, 120); h = ri(90, 260)
    printf "fill #5b4a6b fill-opacity 1 rectangle %d,%d %d,1500\n", x, 1500 - h, x + w
    x += w - ri(0, 15)
  }
  # near skyline with lit windows
  x = -20
  while (x < 1600) {
    w = ri(70, 190); h = ri(120, 380)
    top = 1500 - h
    printf "fill #1b1a2c fill-opacity 1 rectangle %d,%d %d,1500\n", x, top, x + w
    if (rnd() < 0.25) printf "fill #1b1a2c polygon %d,%d %d,%d %d,%d\n", x, top, x + w / 2, top - ri(30, 80), x + w, top
    for (wy = top + 18; wy < 1480; wy += 26)
      for (wx = x + 10; wx < x + w - 12; wx += 20)
        if (rnd() < 0.22) printf "fill %s fill-opacity 0.9 rectangle %d,%d %d,%d\n", pick("#ffd27a #ffc45c #fbe3a6"), wx, wy, wx + 8, wy + 12
    x += w + ri(0, 12)
  }
  # harbour cranes
  for (c = 0; c < 2; c++) {
    cx = 180 + c * 330; cy = 1500
    printf "stroke #141322 stroke-width 14 fill none line %d,%d %d,%d\n", cx, cy, cx, cy - 520
    printf "stroke #141322 stroke-width 10 line %d,%d %d,%d\n", cx - 120, cy - 500, cx + 300, cy - 500
    printf "stroke #141322 stroke-width 4 line %d,%d %d,%d\n", cx + 260, cy - 500, cx + 260, cy - 330
    printf "stroke none fill #141322 rectangle %d,%d %d,%d\n", cx + 235, cy - 330, cx + 285, cy - 300
  }
  print "stroke none"
  # sun's reflection on the water
  for (i = 0; i < 140; i++) {
    y = 1510 + i * 6 + ri(0, 3)
    spread = 40 + i * 2.2
    x = 1060 + ri(-spread, spread); w = ri(20, 90)
    printf "fill %s fill-opacity 0.%d rectangle %d,%d %d,%d\n", pick("#ffd98f #ffbf6a #fff0c8"), ri(4, 8), x - w, y, x + w, y + 2
  }
  # ripples
  for (i = 0; i < 220; i++) {
    y = ri(1520, 2390); x = ri(0, 1600); w = ri(30, 160)
    printf "fill #9fb1d8 fill-opacity 0.1%d rectangle %d,%d %d,%d\n", ri(0, 9), x, y, x + w, y + 2
  }
  # a fishing boat coming home
  print "fill #0e0f1c fill-opacity 1 polygon 420,1800 760,1800 720,1850 470,1850"
  print "fill #0e0f1c rectangle 520,1740 610,1800"
  print "stroke #0e0f1c stroke-width 6 line 640,1800 640,1610 stroke none"
  print "fill #0e0f1c polygon 645,1620 645,1760 740,1760"
  # the quay in the foreground
  print "fill #10121f fill-opacity 1 polygon 0,2230 1600,2150 1600,2400 0,2400"
  for (i = 0; i < 6; i++) {
    x = 120 + i * 270; y = 2222 - int(i * 80 / 6)
    printf "fill #1d2033 roundrectangle %d,%d %d,%d 10,10\n", x, y - 46, x + 44, y + 6
  }
  # masthead band
  print "fill #0b1024 fill-opacity 0.55 rectangle 0,120 1600,630"
  print "fill #f3d9a7 fill-opacity 1 rectangle 200,515 1400,521"
  printf "gravity North fill #fbf3e4 font '%s' font-size 150 text 0,170 'The Harbour'\n", SERIF_BOLD
  printf "gravity North fill #fbf3e4 font '%s' font-size 150 text 0,320 'Ledger'\n", SERIF_BOLD
  printf "gravity North fill #f3d9a7 font '%s' font-size 46 text 0,540 'Wrenmouth  ·  March to June 2024'\n", SANS
}
AWK
draw_args "$TMP/cover.draw"
"$CONVERT" -size 1600x1500 gradient:'#1c2452-#f0a65e' \
  -size 1600x900 gradient:'#2a3767-#070b1a' -append \
  "${DRAW[@]}" \
  -seed 1602 -attenuate 0.15 +noise Gaussian \
  "${JPEG[@]}" "$OUT/cover.jpg"

# ---------------------------------------------------------------- river.jpg
# 2000x1333: the River Wren over its banks, muddy water, half-drowned trees.
"$CONVERT" -seed 2101 -size 500x420 plasma:fractal -colorspace Gray -auto-level \
  +level-colors '#4e4028,#a89068' -resize 2000x733\! -blur 0x2 "$TMP/water.png"
gen river.draw 2102 <<'AWK'
BEGIN {
  # far bank: low hills and a row of houses, their ground floors under water
  print "fill #5d6b5a fill-opacity 1 polygon 0,610 0,470 260,430 540,460 820,400 1130,445 1420,410 1700,455 2000,420 2000,610"
  x = 40
  while (x < 1960) {
    w = ri(90, 160); h = ri(70, 120); base = 615
    printf "fill %s fill-opacity 1 rectangle %d,%d %d,%d\n", pick("#c9b8a0 #b9a58a #d8cbb4 #a89a8a #c2ab93"), x, base - h, x + w, base
    printf "fill %s polygon %d,%d %d,%d %d,%d\n", pick("#6b3f32 #59443c #7a4b3a"), x - 8, base - h, x + w / 2, base - h - ri(35, 55), x + w + 8, base - h
    for (wx = x + 14; wx < x + w - 20; wx += 34) printf "fill #3d4650 rectangle %d,%d %d,%d\n", wx, base - h + 18, wx + 16, base - h + 40
    x += w + ri(25, 70)
  }
  # reflections of the houses
  for (i = 0; i < 260; i++) {
    x = ri(0, 2000); y = ri(612, 700); w = ri(20, 90)
    printf "fill #cbbba0 fill-opacity 0.1%d rectangle %d,%d %d,%d\n", ri(0, 9), x, y, x + w, y + 3
  }
  # current lines
  for (i = 0; i < 420; i++) {
    y = ri(640, 1333); x = ri(-100, 2000); w = ri(40, 40 + (y - 600) / 2)
    printf "fill %s fill-opacity 0.%d rectangle %d,%d %d,%d\n", pick("#c7b38a #4f4130 #b49f78"), ri(1, 3), x, y, x + w, y + 2 + int((y - 600) / 300)
  }
  # drowned trees along the near towpath
  for (t = 0; t < 5; t++) {
    tx = 150 + t * 420 + ri(-60, 60); base = ri(900, 1100)
    printf "fill #3b2f25 fill-opacity 1 rectangle %d,%d %d,%d\n", tx - 14, base - 300, tx + 14, base
    printf "fill #3b2f25 fill-opacity 0.35 rectangle %d,%d %d,%d\n", tx - 14, base, tx + 14, base + 90
    for (k = 0; k < 26; k++) {
      cx = tx + ri(-120, 120); cy = base - 330 + ri(-100, 80)
      printf "fill %s fill-opacity 0.9 circle %d,%d %d,%d\n", pick("#2f4a2a #3d5a31 #486b38 #27402a"), cx, cy, cx + ri(40, 75), cy
    }
    # wake around the trunk
    printf "fill #d9ccb0 fill-opacity 0.45 ellipse %d,%d %d,%d 0,360\n", tx, base + 2, 42, 9
    printf "fill #3b2f25 fill-opacity 1 rectangle %d,%d %d,%d\n", tx - 14, base - 20, tx + 14, base
  }
  # a lamp post and the top of a park bench
  print "fill #22262b fill-opacity 1 rectangle 1710,700 1722,1180"
  print "fill #22262b rectangle 1690,690 1742,705"
  print "fill #e8e2c5 fill-opacity 0.9 rectangle 1700,705 1732,735"
  print "fill #4a3626 fill-opacity 1 rectangle 1180,1160 1420,1176"
  print "fill #4a3626 rectangle 1180,1188 1420,1200"
  print "fill #e0d4b8 fill-opacity 0.35 ellipse 1300,1204 150,10 0,360"
  # road sign
  print "fill #3a3a3a rectangle 560,1020 572,1250"
  print "fill-opacity 1 fill #c8262b rectangle 456,960 676,1030"
  printf "fill #ffffff font '%s' font-size 30 text 472,1006 'ROAD CLOSED'\n", SANS_BOLD
}
AWK
draw_args "$TMP/river.draw"
"$CONVERT" -size 2000x600 gradient:'#7e8893-#c4c9cd' "$TMP/water.png" -append \
  "${DRAW[@]}" \
  -seed 2103 -attenuate 0.15 +noise Gaussian \
  "${JPEG[@]}" "$OUT/river.jpg"

# -------------------------------------------------------------- protest.jpg
# 1800x1200: the housing march on Quay Street, a crowd of heads and banners.
gen protest.draw 3101 <<'AWK'
BEGIN {
  # facades along the street
  x = -10
  while (x < 1800) {
    w = ri(180, 320); top = ri(60, 260)
    printf "fill %s fill-opacity 1 rectangle %d,%d %d,760\n", pick("#b9a48a #9d8f80 #c7b9a3 #a67f6a #8f9aa0 #d2c2a5"), x, top, x + w
    for (wy = top + 40; wy < 620; wy += 90)
      for (wx = x + 25; wx < x + w - 45; wx += 62)
        printf "fill %s rectangle %d,%d %d,%d\n", pick("#3e4a55 #46525c #56636d"), wx, wy, wx + 34, wy + 52
    printf "fill #5a4d42 rectangle %d,%d %d,%d\n", x, top, x + w, top + 12
    x += w
  }
  # shopfront awnings
  for (i = 0; i < 6; i++) printf "fill %s polygon %d,640 %d,640 %d,690 %d,690\n", pick("#7a2e2e #2e5a4a #3a4a7a #8a6a2a"), i * 310 + 20, i * 310 + 250, i * 310 + 270, i * 310
  # the crowd, far rows first
  for (row = 0; row < 26; row++) {
    y = 700 + row * row * 0.9 + row * 6
    r = 9 + row * 2.1
    n = int(1800 / (r * 1.7)) + 2
    for (k = 0; k < n; k++) {
      x = k * r * 1.7 + ri(-r / 2, r / 2) - (row % 2) * r * 0.8
      hy = y + ri(-r / 3, r / 3)
      body = pick("#2f3b59 #6a2b2b #3d5a3d #59452f #1f1f24 #8a7b5a #b3423a #4b6e8f #d9a441 #7a5c8f #e0e0d8")
      printf "fill %s fill-opacity 1 ellipse %d,%d %d,%d 0,360\n", body, x, hy + r * 2.1, r * 1.3, r * 1.6
      printf "fill %s circle %d,%d %d,%d\n", pick("#e0b48f #c58c64 #8d5a3c #f0cfae #6e4530 #d8a27a"), x, hy, x + r, hy
      if (rnd() < 0.55) printf "fill %s ellipse %d,%d %d,%d 180,360\n", pick("#2a1c14 #4a3020 #111111 #7a5a3a #b7b1a5 #2b2b2b"), x, hy - r * 0.15, r * 1.02, r * 0.95
      # placards on sticks
      if (row > 3 && rnd() < 0.015) {
        printf "fill #6d5436 rectangle %d,%d %d,%d\n", x + r, hy - r * 5, x + r + 4, hy + r
        printf "fill %s rectangle %d,%d %d,%d\n", pick("#f4f1e6 #ffd84a #f4f1e6 #e34a3c"), x + r - r * 1.8, hy - r * 6.5, x + r + r * 1.8, hy - r * 4.2
        printf "fill #1d1d1d rectangle %d,%d %d,%d\n", x + r - r * 1.3, hy - r * 5.9, x + r + r * 1.2, hy - r * 5.6
        printf "fill #1d1d1d rectangle %d,%d %d,%d\n", x + r - r * 1.3, hy - r * 5.2, x + r + r * 0.6, hy - r * 4.9
      }
    }
    # banners carried across the street
    if (row == 8 || row == 15) {
      bx = (row == 8) ? 240 : 900; bw = (row == 8) ? 620 : 760; bh = (row == 8) ? 110 : 150
      by = y - bh - 40
      banner = banner sprintf("fill #5b4630 rectangle %d,%d %d,%d\n", bx, by, bx + 8, y + 40)
      banner = banner sprintf("fill #5b4630 rectangle %d,%d %d,%d\n", bx + bw - 8, by, bx + bw, y + 40)
      banner = banner sprintf("fill %s rectangle %d,%d %d,%d\n", (row == 8) ? "#b8322a" : "#f3efe2", bx, by, bx + bw, by + bh)
      banner = banner sprintf("fill %s font '%s' font-size %d text %d,%d '%s'\n", (row == 8) ? "#ffffff" : "#b8322a", SANS_BOLD, bh * 0.5, bx + 30, by + bh * 0.7, (row == 8) ? "HOMES FOR ALL" : "RENT CAP NOW")
    }
  }
  printf "%s", banner
}
AWK
draw_args "$TMP/protest.draw"
"$CONVERT" -size 1800x1200 gradient:'#b7c4cf-#e6e2d6' \
  "${DRAW[@]}" \
  -seed 3102 -attenuate 0.15 +noise Gaussian \
  "${JPEG[@]}" "$OUT/protest.jpg"

# --------------------------------------------------------------- market.jpg
# 1600x1067: the night market in the old fish hall, strings of lanterns.
gen market-lanterns.draw 4101 <<'AWK'
BEGIN {
  for (s = 0; s < 4; s++) {
    y0 = 120 + s * 95; sag = 70 + s * 25
    for (x = -20; x <= 1620; x += 44 + s * 8) {
      t = (x - 800) / 820
      y = y0 + sag * (1 - t * t)
      printf "fill %s circle %d,%d %d,%d\n", pick("#ffb347 #ff7b54 #ffd56b #ff5e5b #ffe9a0"), x, y, x + 11 + s * 2, y
    }
  }
  # stall lamps
  for (i = 0; i < 5; i++) printf "fill #ffcf7a circle %d,%d %d,%d\n", 160 + i * 320, 640, 160 + i * 320 + 26, 640
}
AWK
gen market.draw 4102 <<'AWK'
BEGIN {
  # roof trusses of the fish hall
  for (i = 0; i < 9; i++) {
    x = i * 200
    printf "stroke #2c2a3e stroke-width 10 fill none line %d,0 %d,180\n", x, x + 100
    printf "stroke #2c2a3e stroke-width 10 line %d,180 %d,0 stroke none\n", x + 100, x + 200
  }
  print "fill #22213a fill-opacity 1 rectangle 0,0 1600,30"
  # lantern strings (the wire)
  for (s = 0; s < 4; s++) {
    y0 = 120 + s * 95; sag = 70 + s * 25
    prev = ""
    for (x = -20; x <= 1640; x += 40) {
      t = (x - 800) / 820
      y = y0 + sag * (1 - t * t) - 14 - s * 2
      if (prev != "") printf "stroke #15141f stroke-width 3 line %s %d,%d stroke none\n", prev, x, y
      prev = x "," int(y)
    }
  }
  # stalls with striped awnings and lit counters
  for (i = 0; i < 5; i++) {
    x = 20 + i * 320
    for (k = 0; k < 8; k++)
      printf "fill %s fill-opacity 1 polygon %d,600 %d,600 %d,680 %d,680\n", (k % 2) ? "#f2e6cf" : pick("#b8322a #2f6b4f #2b4f8a #c0822a"), x + k * 35, x + k * 35 + 35, x + k * 35 + 40, x + k * 35 + 5
    printf "fill #4a3424 rectangle %d,680 %d,860\n", x + 8, x + 14
    printf "fill #4a3424 rectangle %d,680 %d,860\n", x + 274, x + 280
    printf "fill #3a2a20 rectangle %d,780 %d,880\n", x, x + 290
    for (k = 0; k < 9; k++)
      printf "fill %s circle %d,%d %d,%d\n", pick("#e9a23b #d9534f #f2d16b #7cb342 #f5f0e1 #c0622e"), x + 20 + k * 30, 770, x + 32 + k * 30, 770
    printf "fill #ffd995 fill-opacity 0.25 rectangle %d,700 %d,780\n", x + 14, x + 274
    print "fill-opacity 1"
  }
  # visitors, dark against the stalls
  for (p = 0; p < 38; p++) {
    x = ri(0, 1600); y = ri(900, 1040); r = ri(18, 30)
    printf "fill %s fill-opacity 1 ellipse %d,%d %d,%d 0,360\n", pick("#141320 #1c1a2b #231f33 #2c2433"), x, y + r * 3, r * 1.5, r * 2.6
    printf "fill %s circle %d,%d %d,%d\n", pick("#1a1826 #221f30 #2a2438"), x, y, x + r, y
  }
  print "fill #0d0c16 rectangle 0,1045 1600,1067"
}
AWK
draw_args "$TMP/market-lanterns.draw"
"$CONVERT" -size 1600x1067 xc:none "${DRAW[@]}" "$TMP/lanterns.png"
draw_args "$TMP/market.draw"
"$CONVERT" -size 1600x1067 gradient:'#070a1c-#2a2446' \
  "${DRAW[@]}" \
  \( "$TMP/lanterns.png" -blur 0x22 \) -compose screen -composite \
  "$TMP/lanterns.png" -compose over -composite \
  -seed 4103 -attenuate 0.15 +noise Gaussian \
  "${JPEG[@]}" "$OUT/market.jpg"

# -------------------------------------------------------------- library.jpg
# 1200x800: shelves of the Eastbank library, spines in many colours.
gen library.draw 5101 <<'AWK'
BEGIN {
  # window light falling across the wall
  print "fill #fff6df fill-opacity 0.25 polygon 820,0 1200,0 1200,420 640,800 420,800"
  print "fill-opacity 1"
  for (s = 0; s < 4; s++) {
    base = 180 + s * 190
    x = 40
    while (x < 1160) {
      if (rnd() < 0.04) { x += ri(30, 60); continue }
      w = ri(14, 38); h = ri(115, 165)
      col = pick("#7b2d26 #2e4a62 #3c6e47 #c8a24a #5a3d5c #a34f2e #1f3a3d #d9d0b8 #87664a #406c8f #b5453a #2b2b2b #6d7f3a")
      if (rnd() < 0.05 && x + 60 < 1160) {
        # a book leaning on its neighbour
        w += 16
        printf "fill %s polygon %d,%d %d,%d %d,%d %d,%d\n", col, x, base, x + w, base, x + w + 38, base - h + 4, x + 38, base - h + 10
        x += w + 40; continue
      }
      printf "fill %s rectangle %d,%d %d,%d\n", col, x, base - h, x + w, base
      printf "fill #ffffff fill-opacity 0.18 rectangle %d,%d %d,%d\n", x + 3, base - h + 14, x + w - 3, base - h + 18
      printf "fill #000000 fill-opacity 0.18 rectangle %d,%d %d,%d\n", x + w - 3, base - h, x + w, base
      print "fill-opacity 1"
      x += w + 1
    }
    # the shelf board and its shadow
    printf "fill #6b4a2f rectangle 20,%d 1180,%d\n", base, base + 18
    printf "fill #3f2a1a rectangle 20,%d 1180,%d\n", base + 18, base + 24
  }
  # uprights
  print "fill #5a3d26 rectangle 0,0 40,800"
  print "fill #5a3d26 rectangle 1160,0 1200,800"
  # a label on the new tool shelf
  printf "fill #f4efe2 rectangle 462,585 752,625\n"
  printf "fill #2b2b2b font '%s' font-size 22 text 486,613 'TOOLS TO BORROW'\n", SANS_BOLD
}
AWK
draw_args "$TMP/library.draw"
"$CONVERT" -size 1200x800 gradient:'#e9dcc3-#bfa988' \
  "${DRAW[@]}" \
  -seed 5102 -attenuate 0.15 +noise Gaussian \
  "${JPEG[@]}" "$OUT/library.jpg"

# ----------------------------------------------------------------- rail.jpg
# 1800x1200: an empty platform at Wrenmouth Central on the first strike day.
gen rail.draw 6101 <<'AWK'
BEGIN {
  vx = 1010; vy = 520
  # canopy
  print "fill #3b4048 fill-opacity 1 polygon 0,0 1800,0 1800,120 1060,470 960,470 0,90"
  for (i = 0; i < 12; i++) {
    x = i * 160
    printf "stroke #2a2e34 stroke-width 6 fill none line %d,%d %d,%d stroke none\n", x, 60, vx + (x - vx) * 0.1, 470
  }
  # platform (right) and track bed (left)
  printf "fill #8d8b86 polygon %d,%d 1800,1200 1800,640 %d,%d\n", vx + 10, vy, vx + 30, vy
  printf "fill #56524c polygon 0,1200 %d,1200 %d,%d %d,%d 0,760\n", 1100, vx + 10, vy, vx - 30, vy
  printf "fill #e8c23a polygon %d,%d %d,%d 1180,1200 1100,1200\n", vx + 10, vy, vx + 14, vy
  # sleepers and rails
  for (i = 1; i < 40; i++) {
    t = (i / 40) ^ 2.2
    y = vy + (1200 - vy) * t
    x1 = vx + (-700 - vx) * t; x2 = vx + (900 - vx) * t
    printf "fill #4a3b2e polygon %d,%d %d,%d %d,%d %d,%d\n", x1, y, x2, y, x2, y + 3 + 20 * t, x1, y + 3 + 20 * t
  }
  printf "stroke #b9bcc0 stroke-width 7 line %d,%d %d,1200\n", vx - 8, vy, -220
  printf "stroke #b9bcc0 stroke-width 7 line %d,%d %d,1200 stroke none\n", vx + 2, vy, 520
  # a train left standing on the far track
  print "fill #c9ccd1 polygon 0,230 720,400 720,610 0,760"
  print "fill #2d5f8a polygon 0,600 720,560 720,610 0,760"
  for (i = 0; i < 7; i++) {
    x = i * 100 + 20
    yt = 250 + x * 0.235; yb = yt + 150 - x * 0.08
    printf "fill #3a4652 polygon %d,%d %d,%d %d,%d %d,%d\n", x, yt + 30, x + 70, yt + 46, x + 70, yb - 10, x, yb
  }
  # departure board hanging from the canopy
  print "stroke #222 stroke-width 5 line 1310,130 1310,260 stroke none"
  print "stroke #222 stroke-width 5 line 1650,130 1650,260 stroke none"
  print "fill #111317 rectangle 1260,250 1700,420"
  printf "fill #ffb000 font '%s' font-size 40 text 1290,310 'NO SERVICES'\n", SANS_BOLD
  printf "fill #ffb000 font '%s' font-size 26 text 1290,355 'Industrial action on'\n", SANS
  printf "fill #ffb000 font '%s' font-size 26 text 1290,392 'the Coast Line today'\n", SANS
  # an empty bench, a bin and a clock
  print "fill #2f3a44 rectangle 1300,820 1600,850"
  print "fill #2f3a44 rectangle 1300,760 1600,790"
  print "fill #2f3a44 rectangle 1320,850 1335,940"
  print "fill #2f3a44 rectangle 1565,850 1580,940"
  print "fill #3f4a3a rectangle 1660,800 1740,960"
  print "fill #f2f2ee stroke #222 stroke-width 8 circle 1120,220 1120,290 stroke none"
  print "stroke #222 stroke-width 6 line 1120,220 1120,168 stroke none"
  print "stroke #222 stroke-width 6 line 1120,220 1160,240 stroke none"
  # pigeons
  for (i = 0; i < 5; i++) {
    x = ri(1150, 1500); y = ri(980, 1120)
    printf "fill #6e7176 ellipse %d,%d 22,13 0,360\n", x, y
    printf "fill #55585c circle %d,%d %d,%d\n", x + 20, y - 12, x + 28, y - 12
  }
}
AWK
draw_args "$TMP/rail.draw"
"$CONVERT" -size 1800x1200 gradient:'#cfd8de-#9aa3aa' \
  "${DRAW[@]}" \
  -seed 6102 -attenuate 0.15 +noise Gaussian \
  "${JPEG[@]}" "$OUT/rail.jpg"

# ---------------------------------------------------------------- chart.png
# 1200x800 bar chart: microplastic particles per litre at five river sites,
# the data of the science fair article.
gen chart.draw 7101 <<'AWK'
BEGIN {
  n = split("WR-01 WR-02 WR-03 WR-04 WR-05", site, " ")
  split("4.2 7.9 18.6 12.3 9.1", val, " ")
  split("Millbrook weir|Eastbank bridge|Tannery Lane|Quay St steps|Harbour mouth", place, "|")
  x0 = 140; y0 = 660; top = 150; ymax = 20
  printf "fill #1d2433 font '%s' font-size 34 text 140,70 'Microplastic particles per litre, River Wren'\n", SANS_BOLD
  printf "fill #55606e font '%s' font-size 22 text 140,108 'Mean of three samples per site, 4–18 May 2024'\n", SANS
  # grid and y labels
  for (v = 0; v <= ymax; v += 5) {
    y = y0 - (y0 - top) * v / ymax
    printf "stroke %s stroke-width 2 line %d,%d 1140,%d stroke none\n", (v == 0) ? "#1d2433" : "#d5dae1", x0, y, y
    printf "fill #55606e font '%s' font-size 22 text %d,%d '%d'\n", SANS, x0 - 40 - (v >= 10) * 12, y + 8, v
  }
  printf "fill #55606e font '%s' font-size 22 text 28,400 'per L'\n", SANS
  bw = 120; gap = (1140 - x0 - n * bw) / (n + 1)
  for (i = 1; i <= n; i++) {
    x = x0 + gap * i + bw * (i - 1)
    y = y0 - (y0 - top) * val[i] / ymax
    printf "fill %s rectangle %d,%d %d,%d\n", (i == 3) ? "#c0392b" : "#2e6f9e", x, y, x + bw, y0
    printf "fill #1d2433 font '%s' font-size 24 text %d,%d '%s'\n", SANS_BOLD, x + bw / 2 - 22, y - 12, val[i]
    printf "fill #1d2433 font '%s' font-size 22 text %d,%d '%s'\n", SANS_BOLD, x + bw / 2 - 34, y0 + 36, site[i]
    printf "fill #55606e font '%s' font-size 18 text %d,%d '%s'\n", SANS, x + bw / 2 - length(place[i]) * 5, y0 + 64, place[i]
  }
  printf "fill #55606e font '%s' font-size 18 text 140,770 'Upstream to downstream, left to right. Data: Wrenmouth schools science fair, 2024.'\n", SANS
}
AWK
draw_args "$TMP/chart.draw"
"$CONVERT" -size 1200x800 xc:'#fbfaf7' \
  "${DRAW[@]}" \
  -colors 64 "${PNG[@]}" "$OUT/chart.png"

ls -l "$OUT"
