;; Float64 kernels of the fused MLP (FusedMlp), in WebAssembly SIMD (f64x2). Compiled into
;; kernels-wasm.ts by scripts/build-fused-kernels.mjs. Pointers are byte offsets into the imported
;; memory; strides are in elements (8 bytes). Every sum runs over k in order, so results are
;; bit-identical run to run.
(module
  (memory (import "env" "memory") 1)

  ;; C[m, n] = (acc ? C[m, n] : 0) + Σ_k A[m·sam + k·sak] · B[k·ldb + n]   (m < M, n < N, k < K)
  ;; Rows go two at a time over blocks of 8 columns (eight f64x2 accumulators); the rest row by row,
  ;; 8 columns at a time, then 2, then 1. Each C entry is still one in-order sum over k.
  (func (export "gemm")
    (param $c i32) (param $a i32) (param $b i32)
    (param $M i32) (param $N i32) (param $K i32)
    (param $sam i32) (param $sak i32) (param $ldb i32) (param $ldc i32) (param $acc i32)
    (local $m i32) (local $n i32) (local $k i32)
    (local $arow i32) (local $ap i32) (local $bp i32) (local $cp i32) (local $crow i32)
    (local $x v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $xs f64) (local $ss f64)
    (local $y v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $mpairs i32) (local $n8 i32) (local $cp2 i32) (local $w v128)
    (local.set $sam (i32.shl (local.get $sam) (i32.const 3)))
    (local.set $sak (i32.shl (local.get $sak) (i32.const 3)))
    (local.set $ldb (i32.shl (local.get $ldb) (i32.const 3)))
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 3)))
    ;; rows two at a time, 8 columns at a time: each B load feeds both rows
    (local.set $mpairs (i32.and (local.get $M) (i32.const -2)))
    (local.set $n8 (i32.and (local.get $N) (i32.const -8)))
    (local.set $m (i32.const 0))
    (block $pdone
      (loop $ploop
        (br_if $pdone (i32.ge_u (local.get $m) (local.get $mpairs)))
        (local.set $arow (i32.add (local.get $a) (i32.mul (local.get $m) (local.get $sam))))
        (local.set $crow (i32.add (local.get $c) (i32.mul (local.get $m) (local.get $ldc))))
        (local.set $n (i32.const 0))
        (block $pn8done
          (loop $pn8
            (br_if $pn8done (i32.ge_u (local.get $n) (local.get $n8)))
            (local.set $cp (i32.add (local.get $crow) (i32.shl (local.get $n) (i32.const 3))))
            (local.set $cp2 (i32.add (local.get $cp) (local.get $ldc)))
            (if (local.get $acc)
              (then
                (local.set $s0 (v128.load (local.get $cp)))
                (local.set $s1 (v128.load offset=16 (local.get $cp)))
                (local.set $s2 (v128.load offset=32 (local.get $cp)))
                (local.set $s3 (v128.load offset=48 (local.get $cp)))
                (local.set $t0 (v128.load (local.get $cp2)))
                (local.set $t1 (v128.load offset=16 (local.get $cp2)))
                (local.set $t2 (v128.load offset=32 (local.get $cp2)))
                (local.set $t3 (v128.load offset=48 (local.get $cp2))))
              (else
                (local.set $s0 (v128.const i64x2 0 0))
                (local.set $s1 (v128.const i64x2 0 0))
                (local.set $s2 (v128.const i64x2 0 0))
                (local.set $s3 (v128.const i64x2 0 0))
                (local.set $t0 (v128.const i64x2 0 0))
                (local.set $t1 (v128.const i64x2 0 0))
                (local.set $t2 (v128.const i64x2 0 0))
                (local.set $t3 (v128.const i64x2 0 0))))
            (local.set $ap (local.get $arow))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 3))))
            (local.set $k (local.get $K))
            (block $pkdone
              (loop $pkloop
                (br_if $pkdone (i32.eqz (local.get $k)))
                (local.set $x (f64x2.splat (f64.load (local.get $ap))))
                (local.set $y (f64x2.splat (f64.load (i32.add (local.get $ap) (local.get $sam)))))
                (local.set $w (v128.load (local.get $bp)))
                (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (local.get $w))))
                (local.set $t0 (f64x2.add (local.get $t0) (f64x2.mul (local.get $y) (local.get $w))))
                (local.set $w (v128.load offset=16 (local.get $bp)))
                (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (local.get $w))))
                (local.set $t1 (f64x2.add (local.get $t1) (f64x2.mul (local.get $y) (local.get $w))))
                (local.set $w (v128.load offset=32 (local.get $bp)))
                (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (local.get $w))))
                (local.set $t2 (f64x2.add (local.get $t2) (f64x2.mul (local.get $y) (local.get $w))))
                (local.set $w (v128.load offset=48 (local.get $bp)))
                (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (local.get $w))))
                (local.set $t3 (f64x2.add (local.get $t3) (f64x2.mul (local.get $y) (local.get $w))))
                (local.set $ap (i32.add (local.get $ap) (local.get $sak)))
                (local.set $bp (i32.add (local.get $bp) (local.get $ldb)))
                (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                (br $pkloop)))
            (v128.store (local.get $cp) (local.get $s0))
            (v128.store offset=16 (local.get $cp) (local.get $s1))
            (v128.store offset=32 (local.get $cp) (local.get $s2))
            (v128.store offset=48 (local.get $cp) (local.get $s3))
            (v128.store (local.get $cp2) (local.get $t0))
            (v128.store offset=16 (local.get $cp2) (local.get $t1))
            (v128.store offset=32 (local.get $cp2) (local.get $t2))
            (v128.store offset=48 (local.get $cp2) (local.get $t3))
            (local.set $n (i32.add (local.get $n) (i32.const 8)))
            (br $pn8)))
        (local.set $m (i32.add (local.get $m) (i32.const 2)))
        (br $ploop)))
    ;; then each row alone: the columns the pairs left (all of them for an odd last row)
    (local.set $m (i32.const 0))
    (block $mdone
      (loop $mloop
        (br_if $mdone (i32.ge_u (local.get $m) (local.get $M)))
        (local.set $arow (i32.add (local.get $a) (i32.mul (local.get $m) (local.get $sam))))
        (local.set $crow (i32.add (local.get $c) (i32.mul (local.get $m) (local.get $ldc))))
        (local.set $n (select (local.get $n8) (i32.const 0) (i32.lt_u (local.get $m) (local.get $mpairs))))
        ;; 8 columns at a time
        (block $n8done
          (loop $n8
            (br_if $n8done (i32.gt_u (i32.add (local.get $n) (i32.const 8)) (local.get $N)))
            (local.set $cp (i32.add (local.get $crow) (i32.shl (local.get $n) (i32.const 3))))
            (if (local.get $acc)
              (then
                (local.set $s0 (v128.load (local.get $cp)))
                (local.set $s1 (v128.load offset=16 (local.get $cp)))
                (local.set $s2 (v128.load offset=32 (local.get $cp)))
                (local.set $s3 (v128.load offset=48 (local.get $cp))))
              (else
                (local.set $s0 (v128.const i64x2 0 0))
                (local.set $s1 (v128.const i64x2 0 0))
                (local.set $s2 (v128.const i64x2 0 0))
                (local.set $s3 (v128.const i64x2 0 0))))
            (local.set $ap (local.get $arow))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 3))))
            (local.set $k (local.get $K))
            (block $kdone
              (loop $kloop
                (br_if $kdone (i32.eqz (local.get $k)))
                (local.set $x (f64x2.splat (f64.load (local.get $ap))))
                (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load (local.get $bp)))))
                (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $bp)))))
                (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (v128.load offset=32 (local.get $bp)))))
                (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (v128.load offset=48 (local.get $bp)))))
                (local.set $ap (i32.add (local.get $ap) (local.get $sak)))
                (local.set $bp (i32.add (local.get $bp) (local.get $ldb)))
                (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                (br $kloop)))
            (v128.store (local.get $cp) (local.get $s0))
            (v128.store offset=16 (local.get $cp) (local.get $s1))
            (v128.store offset=32 (local.get $cp) (local.get $s2))
            (v128.store offset=48 (local.get $cp) (local.get $s3))
            (local.set $n (i32.add (local.get $n) (i32.const 8)))
            (br $n8)))
        ;; 2 columns at a time
        (block $n2done
          (loop $n2
            (br_if $n2done (i32.gt_u (i32.add (local.get $n) (i32.const 2)) (local.get $N)))
            (local.set $cp (i32.add (local.get $crow) (i32.shl (local.get $n) (i32.const 3))))
            (if (local.get $acc)
              (then (local.set $s0 (v128.load (local.get $cp))))
              (else (local.set $s0 (v128.const i64x2 0 0))))
            (local.set $ap (local.get $arow))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 3))))
            (local.set $k (local.get $K))
            (block $kdone2
              (loop $kloop2
                (br_if $kdone2 (i32.eqz (local.get $k)))
                (local.set $s0 (f64x2.add (local.get $s0)
                  (f64x2.mul (f64x2.splat (f64.load (local.get $ap))) (v128.load (local.get $bp)))))
                (local.set $ap (i32.add (local.get $ap) (local.get $sak)))
                (local.set $bp (i32.add (local.get $bp) (local.get $ldb)))
                (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                (br $kloop2)))
            (v128.store (local.get $cp) (local.get $s0))
            (local.set $n (i32.add (local.get $n) (i32.const 2)))
            (br $n2)))
        ;; the last column
        (if (i32.lt_u (local.get $n) (local.get $N))
          (then
            (local.set $cp (i32.add (local.get $crow) (i32.shl (local.get $n) (i32.const 3))))
            (if (local.get $acc)
              (then (local.set $ss (f64.load (local.get $cp))))
              (else (local.set $ss (f64.const 0))))
            (local.set $ap (local.get $arow))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 3))))
            (local.set $k (local.get $K))
            (block $kdone1
              (loop $kloop1
                (br_if $kdone1 (i32.eqz (local.get $k)))
                (local.set $ss (f64.add (local.get $ss)
                  (f64.mul (f64.load (local.get $ap)) (f64.load (local.get $bp)))))
                (local.set $ap (i32.add (local.get $ap) (local.get $sak)))
                (local.set $bp (i32.add (local.get $bp) (local.get $ldb)))
                (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                (br $kloop1)))
            (f64.store (local.get $cp) (local.get $ss))))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $mloop))))

;; x[i] ← tanh(x[i]) for i < count, two lanes at a time (an odd last element in lane 0 alone):
  ;; tanh|x| = (e − 1)/(e + 1) with e = exp(2·min(|x|, 20)), the sign put back. exp(t) = 2^k·p(r),
  ;; k = nearest(t/ln 2), r = t − k·ln 2 (ln 2 in two parts, |r| ≤ ln 2/2), p the Taylor polynomial
  ;; to r¹² (truncation below 2·10⁻¹⁶ relative) evaluated by Estrin's scheme (short dependency
  ;; chains), 2^k built in the exponent bits, and e − 1 = 2^k·(p(r) − 1) + (2^k − 1) so that small |x|
  ;; keep their relative precision. Within 2·10⁻¹⁵ (relative) of Math.tanh, ~2.5× faster, the same everywhere.
  (func (export "tanh") (param $p i32) (param $count i32)
    (local $end i32) (local $tail i32)
    (local $x v128) (local $t v128) (local $kf v128) (local $k v128) (local $r v128) (local $r2 v128) (local $r4 v128)
    (local $s v128) (local $q v128) (local $em1 v128) (local $y v128)
    (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128) (local $c8 v128) (local $c9 v128) (local $c10 v128) (local $c11 v128) (local $c12 v128)
    (local.set $c1 (f64x2.splat (f64.const 1.0)))
    (local.set $c2 (f64x2.splat (f64.const 0.5)))
    (local.set $c3 (f64x2.splat (f64.const 0.16666666666666666)))
    (local.set $c4 (f64x2.splat (f64.const 0.041666666666666664)))
    (local.set $c5 (f64x2.splat (f64.const 0.008333333333333333)))
    (local.set $c6 (f64x2.splat (f64.const 0.001388888888888889)))
    (local.set $c7 (f64x2.splat (f64.const 0.0001984126984126984)))
    (local.set $c8 (f64x2.splat (f64.const 2.48015873015873e-05)))
    (local.set $c9 (f64x2.splat (f64.const 2.7557319223985893e-06)))
    (local.set $c10 (f64x2.splat (f64.const 2.755731922398589e-07)))
    (local.set $c11 (f64x2.splat (f64.const 2.505210838544172e-08)))
    (local.set $c12 (f64x2.splat (f64.const 2.08767569878681e-09)))
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $l
        (if (i32.lt_u (local.get $p) (local.get $end))
          (then (local.set $x (v128.load (local.get $p))))
          (else
            (br_if $done (i32.or (local.get $tail) (i32.eqz (i32.and (local.get $count) (i32.const 1)))))
            (local.set $tail (i32.const 1))
            (local.set $x (f64x2.splat (f64.load (local.get $p))))))
        ;; pmin (NaN-propagating here: 20 < NaN is false) is one instruction, min several
        (local.set $t (f64x2.mul (f64x2.pmin (f64x2.abs (local.get $x)) (f64x2.splat (f64.const 20))) (f64x2.splat (f64.const 2))))
        ;; k = nearest(t/ln 2) by the 1.5·2⁵² trick: kf's low mantissa bits hold k, so no float↔int conversion
        (local.set $kf (f64x2.add (f64x2.mul (local.get $t) (f64x2.splat (f64.const 1.44269504088896338700e+00)))
          (f64x2.splat (f64.const 6755399441055744))))
        (local.set $k (f64x2.sub (local.get $kf) (f64x2.splat (f64.const 6755399441055744))))
        (local.set $r (f64x2.sub
          (f64x2.sub (local.get $t) (f64x2.mul (local.get $k) (f64x2.splat (f64.const 6.93147180369123816490e-01))))
          (f64x2.mul (local.get $k) (f64x2.splat (f64.const 1.90821492927058770002e-10)))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
        ;; q = (p(r) − 1)/r = Σ_(j=0..11) r^j/(j+1)!, as (c1 + c2·r + (c3 + c4·r)·r²) + (…)·r⁴ + (…)·r⁸
        (local.set $q
          (f64x2.add
            (f64x2.add
              (f64x2.add (f64x2.add (local.get $c1) (f64x2.mul (local.get $c2) (local.get $r))) (f64x2.mul (f64x2.add (local.get $c3) (f64x2.mul (local.get $c4) (local.get $r))) (local.get $r2)))
              (f64x2.mul (f64x2.add (f64x2.add (local.get $c5) (f64x2.mul (local.get $c6) (local.get $r))) (f64x2.mul (f64x2.add (local.get $c7) (f64x2.mul (local.get $c8) (local.get $r))) (local.get $r2))) (local.get $r4)))
            (f64x2.mul (f64x2.add (f64x2.add (local.get $c9) (f64x2.mul (local.get $c10) (local.get $r))) (f64x2.mul (f64x2.add (local.get $c11) (f64x2.mul (local.get $c12) (local.get $r))) (local.get $r2)))
              (f64x2.mul (local.get $r4) (local.get $r4)))))
        ;; s = 2^k
        (local.set $s
          (i64x2.shl (i64x2.add (local.get $kf) (v128.const i64x2 -4843621399236967425 -4843621399236967425)) (i32.const 52)))
        (local.set $em1 (f64x2.add
          (f64x2.mul (local.get $s) (f64x2.mul (local.get $r) (local.get $q)))
          (f64x2.sub (local.get $s) (f64x2.splat (f64.const 1)))))
        (local.set $y
          (v128.or
            (f64x2.div (local.get $em1) (f64x2.add (local.get $em1) (f64x2.splat (f64.const 2))))
            (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
        (if (local.get $tail)
          (then
            (f64.store (local.get $p) (f64x2.extract_lane 0 (local.get $y)))
            (br $done)))
        (v128.store (local.get $p) (local.get $y))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $l))))

  ;; d[i] ← d[i] · (1 − h[i]²) for i < count (tanh's derivative from its output)
  (func (export "tanhGrad") (param $d i32) (param $h i32) (param $count i32)
    (local $end i32) (local $hv v128)
    (local.set $end (i32.add (local.get $d) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (local.set $hv (v128.load (local.get $h)))
        (v128.store (local.get $d)
          (f64x2.mul (v128.load (local.get $d))
            (f64x2.sub (v128.const f64x2 1 1) (f64x2.mul (local.get $hv) (local.get $hv)))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $h (i32.add (local.get $h) (i32.const 16)))
        (br $l)))
    (if (i32.and (local.get $count) (i32.const 1))
      (then
        (f64.store (local.get $d)
          (f64.mul (f64.load (local.get $d))
            (f64.sub (f64.const 1) (f64.mul (f64.load (local.get $h)) (f64.load (local.get $h)))))))))

  ;; d[i] ← h[i] > 0 ? d[i] : 0 for i < count (relu's derivative from its output)
  (func (export "reluGrad") (param $d i32) (param $h i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $d) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (if (i32.eqz (f64.gt (f64.load (local.get $h)) (f64.const 0)))
          (then (f64.store (local.get $d) (f64.const 0))))
        (local.set $d (i32.add (local.get $d) (i32.const 8)))
        (local.set $h (i32.add (local.get $h) (i32.const 8)))
        (br $l))))
)
