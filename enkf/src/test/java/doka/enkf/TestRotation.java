package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TestRotation {
    @Test
    void meanPreservingOrthogonal() {
        FilterRandom random = new FilterRandom(8);
        for (int n : new int[] {2, 3, 10, 40}) {
            double[] q = Rotation.meanPreserving(n, random);
            double[] qqt = MatrixProducts.multTransB(q, n, n, q, n, new double[n * n]);
            for (int i = 0; i < n; i++) {
                double rowSum = 0;
                double colSum = 0;
                for (int j = 0; j < n; j++) {
                    assertEquals(i == j ? 1 : 0, qqt[i * n + j], 1e-12, "QQᵀ = I, n = " + n);
                    rowSum += q[i * n + j];
                    colSum += q[j * n + i];
                }
                assertEquals(1, rowSum, 1e-12, "Q1 = 1");
                assertEquals(1, colSum, 1e-12, "Qᵀ1 = 1");
            }
        }
    }

    @Test
    void isNotTheIdentity() {
        double[] q = Rotation.meanPreserving(5, new FilterRandom(1));
        double offDiagonal = 0;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                if (i != j) {
                    offDiagonal += Math.abs(q[i * 5 + j]);
                }
            }
        }
        assertEquals(true, offDiagonal > 0.5, "random rotation should mix members, |off-diagonal| = " + offDiagonal);
    }
}
