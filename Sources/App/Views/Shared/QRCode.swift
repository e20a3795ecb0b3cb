@preconcurrency import Plot

/// A QR code (ISO/IEC 18004) for a short text — the `otpauth://` address of two-factor sign-in — drawn on the
/// server as SVG. Byte mode, error correction level M, versions 1 to 10 (up to 213 bytes). Written here because
/// no package on our list draws QR codes; the tests hold it module for module against python-qrcode.
struct QRCode {
    let size: Int
    /// `modules[row][column]`, true for dark.
    let modules: [[Bool]]

    enum Failure: Error { case tooLong }

    /// Level M: error correction codewords per block, and the blocks' data codewords, for versions 1 to 10.
    private static let eccPerBlock = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26]
    private static let blocks: [[Int]] = [[16], [28], [44], [32, 32], [43, 43], [27, 27, 27, 27], [31, 31, 31, 31],
                                         [38, 38, 39, 39], [36, 36, 36, 37, 37], [43, 43, 43, 43, 44]]
    private static let alignment: [[Int]] = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]

    /// `mask`: 0–7 to force one (for the tests); nil picks the one with the lowest penalty, as the standard asks.
    init(_ text: String, mask forced: Int? = nil) throws {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { 4 + ($0 < 10 ? 8 : 16) + 8 * bytes.count <= 8 * Self.blocks[$0 - 1].reduce(0, +) }) else {
            throw Failure.tooLong
        }
        let codewords = Self.codewords(bytes, version: version)
        var grid = Grid(version: version)
        grid.placeData(codewords)
        let chosen = forced ?? (0..<8).min { grid.masked($0).penalty < grid.masked($1).penalty } ?? 0
        let final = grid.masked(chosen)
        size = final.size
        modules = final.dark
    }

    // MARK: Codewords

    private static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let dataLengths = blocks[version - 1]
        let capacity = dataLengths.reduce(0, +)
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in (0..<count).reversed() { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, capacity * 8 - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while data.count < capacity {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        var blocksData: [[UInt8]] = []
        var offset = 0
        for length in dataLengths {
            blocksData.append(Array(data[offset..<offset + length]))
            offset += length
        }
        let ecc = blocksData.map { ReedSolomon.remainder($0, degree: eccPerBlock[version - 1]) }
        var result: [UInt8] = []
        for i in 0..<(dataLengths.max() ?? 0) { for block in blocksData where i < block.count { result.append(block[i]) } }
        for i in 0..<eccPerBlock[version - 1] { for block in ecc { result.append(block[i]) } }
        return result
    }

    // MARK: The grid

    private struct Grid {
        let version: Int
        let size: Int
        var dark: [[Bool]]
        var function: [[Bool]]

        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            dark = Array(repeating: Array(repeating: false, count: size), count: size)
            function = dark
            for (row, column) in [(0, 0), (0, size - 7), (size - 7, 0)] { finder(row, column) }
            for i in 8..<(size - 8) {
                set(6, i, i % 2 == 0)
                set(i, 6, i % 2 == 0)
            }
            let centres = QRCode.alignment[version - 1]
            for row in centres {
                for column in centres where !((row == 6 && column == 6) || (row == 6 && column == centres.last) || (row == centres.last && column == 6)) {
                    for dr in -2...2 { for dc in -2...2 { set(row + dr, column + dc, max(abs(dr), abs(dc)) != 1) } }
                }
            }
            // Reserved for the format bits (drawn per mask), and the one dark module.
            for i in 0..<9 { reserve(8, i); reserve(i, 8) }
            for i in 0..<8 { reserve(8, size - 1 - i); reserve(size - 1 - i, 8) }
            set(size - 8, 8, true)
            if version >= 7 {
                var remainder = version
                for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
                let bits = version << 12 | remainder
                for i in 0..<18 {
                    let on = (bits >> i) & 1 == 1
                    set(i / 3, size - 11 + i % 3, on)
                    set(size - 11 + i % 3, i / 3, on)
                }
            }
        }

        mutating func set(_ row: Int, _ column: Int, _ on: Bool) {
            dark[row][column] = on
            function[row][column] = true
        }

        mutating func reserve(_ row: Int, _ column: Int) { function[row][column] = true }

        mutating func finder(_ top: Int, _ left: Int) {
            for dr in -1...7 {
                for dc in -1...7 {
                    let row = top + dr, column = left + dc
                    guard (0..<size).contains(row), (0..<size).contains(column) else { continue }
                    let ring = max(abs(dr - 3), abs(dc - 3))
                    set(row, column, ring != 2 && ring != 4)
                }
            }
        }

        /// Bits in the zigzag from the bottom right, two columns at a time, skipping the vertical timing line.
        mutating func placeData(_ codewords: [UInt8]) {
            var index = 0
            let total = codewords.count * 8
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                let upward = ((right + 1) & 2) == 0
                for step in 0..<size {
                    let row = upward ? size - 1 - step : step
                    for column in [right, right - 1] where !function[row][column] {
                        if index < total { dark[row][column] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1 }
                        index += 1
                    }
                }
                right -= 2
            }
        }

        func masked(_ mask: Int) -> Grid {
            var copy = self
            for row in 0..<size {
                for column in 0..<size where !function[row][column] {
                    let flip = switch mask {
                    case 0: (row + column) % 2 == 0
                    case 1: row % 2 == 0
                    case 2: column % 3 == 0
                    case 3: (row + column) % 3 == 0
                    case 4: (row / 2 + column / 3) % 2 == 0
                    case 5: (row * column) % 2 + (row * column) % 3 == 0
                    case 6: ((row * column) % 2 + (row * column) % 3) % 2 == 0
                    default: ((row + column) % 2 + (row * column) % 3) % 2 == 0
                    }
                    if flip { copy.dark[row][column].toggle() }
                }
            }
            copy.drawFormat(mask)
            return copy
        }

        /// Level M (00) and the mask, with their BCH bits, twice: beside the top-left finder and split between the other two.
        mutating func drawFormat(_ mask: Int) {
            let data = mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { dark[i][8] = bit(i) }
            dark[7][8] = bit(6)
            dark[8][8] = bit(7)
            dark[8][7] = bit(8)
            for i in 9..<15 { dark[8][14 - i] = bit(i) }
            for i in 0..<8 { dark[8][size - 1 - i] = bit(i) }
            for i in 8..<15 { dark[size - 15 + i][8] = bit(i) }
            dark[size - 8][8] = true
        }

        /// The standard's four penalties: runs of five or more, 2×2 blocks, finder-like stretches, and imbalance.
        var penalty: Int {
            var score = 0
            let lines = dark + (0..<size).map { column in dark.map { $0[column] } }
            let finderLike: [Bool] = [true, false, true, true, true, false, true, false, false, false, false]
            for line in lines {
                var run = 1
                for i in 1..<size {
                    if line[i] == line[i - 1] { run += 1 } else { if run >= 5 { score += run - 2 }; run = 1 }
                }
                if run >= 5 { score += run - 2 }
                for start in 0...(size - finderLike.count) {
                    let window = Array(line[start..<start + finderLike.count])
                    if window == finderLike || window == finderLike.reversed() { score += 40 }
                }
            }
            for row in 0..<(size - 1) {
                for column in 0..<(size - 1) {
                    let colour = dark[row][column]
                    if dark[row][column + 1] == colour, dark[row + 1][column] == colour, dark[row + 1][column + 1] == colour { score += 3 }
                }
            }
            let darkCount = dark.joined().filter { $0 }.count
            score += abs(darkCount * 20 - size * size * 10) / (size * size) * 10
            return score
        }
    }

    /// Reed–Solomon over GF(256) with the polynomial 0x11D, as QR codes use.
    private enum ReedSolomon {
        static let (exp, log): ([Int], [Int]) = {
            var exp = Array(repeating: 0, count: 512), log = Array(repeating: 0, count: 256)
            var value = 1
            for i in 0..<255 {
                exp[i] = value
                log[value] = i
                value <<= 1
                if value & 0x100 != 0 { value ^= 0x11D }
            }
            for i in 255..<512 { exp[i] = exp[i - 255] }
            return (exp, log)
        }()

        static func multiply(_ a: Int, _ b: Int) -> Int { a == 0 || b == 0 ? 0 : exp[log[a] + log[b]] }

        static func remainder(_ data: [UInt8], degree: Int) -> [UInt8] {
            var generator = [1]
            for i in 0..<degree {
                var next = Array(repeating: 0, count: generator.count + 1)
                for (j, coefficient) in generator.enumerated() {
                    next[j] ^= coefficient
                    next[j + 1] ^= multiply(coefficient, exp[i])
                }
                generator = next
            }
            var result = Array(repeating: 0, count: degree)
            for byte in data {
                let factor = Int(byte) ^ result[0]
                result.removeFirst()
                result.append(0)
                for i in 0..<degree { result[i] ^= multiply(generator[i + 1], factor) }
            }
            return result.map { UInt8($0) }
        }
    }

    /// The code as an SVG image with a four-module quiet zone, dark squares as one path; `label` is read in its place.
    func svg(label: String) -> BodyNode {
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard modules[row][column] else { column += 1; continue }
                var end = column
                while end < size, modules[row][end] { end += 1 }
                path += "M\(column + 4),\(row + 4)h\(end - column)v1h-\(end - column)z"
                column = end
            }
        }
        let side = size + 8
        return Markup.el("svg", [("class", "qr"), ("viewBox", "0 0 \(side) \(side)"), ("role", "img"), ("aria-label", label),
                                 ("xmlns", "http://www.w3.org/2000/svg"), ("shape-rendering", "crispEdges")], [
            Markup.el("rect", [("width", "\(side)"), ("height", "\(side)"), ("fill", "#fff")]),
            Markup.el("path", [("d", path), ("fill", "#000")]),
        ])
    }
}
