;; The stop bytes of CSV text (RecordScanner): where an unquoted value ends or goes wrong, sixteen bytes at a time.
;; Compiled by scripts/buildWasm.mjs into stopFinderWasm.ts; StopFinder calls it.
(module
  ;; 0..65535: the window of input bytes copied in; 65536..327679: the stops found in it, as 32-bit offsets.
  (memory (export "memory") 5)
  ;; find(length, delimiter): the offsets, in [0, length), of the bytes equal to the delimiter, LF, CR or a quote,
  ;; in order, written from 65536 on; returns how many. length is at most 65536.
  (func (export "find") (param $length i32) (param $delimiter i32) (result i32)
    (local $i i32) (local $block v128) (local $mask i32) (local $count i32) (local $byte i32)
    (local $d v128) (local $lf v128) (local $cr v128) (local $quote v128)
    (local.set $d (i8x16.splat (local.get $delimiter)))
    (local.set $lf (i8x16.splat (i32.const 10)))
    (local.set $cr (i8x16.splat (i32.const 13)))
    (local.set $quote (i8x16.splat (i32.const 34)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $length)))
        (local.set $block (v128.load (local.get $i)))
        (local.set $mask
          (i8x16.bitmask
            (v128.or
              (v128.or (i8x16.eq (local.get $block) (local.get $d)) (i8x16.eq (local.get $block) (local.get $lf)))
              (v128.or (i8x16.eq (local.get $block) (local.get $cr)) (i8x16.eq (local.get $block) (local.get $quote))))))
        (block $bitsDone
          (loop $bits
            (br_if $bitsDone (i32.eqz (local.get $mask)))
            (i32.store
              (i32.add (i32.const 65536) (i32.shl (local.get $count) (i32.const 2)))
              (i32.add (local.get $i) (i32.ctz (local.get $mask))))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (br $bits)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $blocks)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $length)))
        (local.set $byte (i32.load8_u (local.get $i)))
        (if
          (i32.or
            (i32.or (i32.eq (local.get $byte) (local.get $delimiter)) (i32.eq (local.get $byte) (i32.const 10)))
            (i32.or (i32.eq (local.get $byte) (i32.const 13)) (i32.eq (local.get $byte) (i32.const 34))))
          (then
            (i32.store (i32.add (i32.const 65536) (i32.shl (local.get $count) (i32.const 2))) (local.get $i))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail)))
    (local.get $count)))
