package dev.veer.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two short texts (pod templates): the longest common subsequence, printed with {@code -} for lines
 * only in the first, {@code +} only in the second, and two spaces for both. Quadratic, which is fine for texts of a
 * few hundred lines.
 */
final class LineDiff {

    private LineDiff() {
    }

    static List<String> of(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                lines.add("  " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                lines.add("- " + a.get(i++));
            } else {
                lines.add("+ " + b.get(j++));
            }
        }
        return lines;
    }
}
