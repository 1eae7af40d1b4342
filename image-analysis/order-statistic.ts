type NumericArray = Float32Array | Float64Array;

/**
 * The value a numeric sort would put at index `k`, found in linear time (Hoare's selection) instead of by sorting:
 * the background fit takes a median of tens of thousands of residuals several times per image, and sorting them was
 * the largest single cost in it. Reorders `values` in place. Equal to `values.sort()[k]`, NaN included (a sort puts
 * NaN last, and so does this).
 */
export function kthSmallest(values: NumericArray, k: number): number {
  const n = values.length;
  if (k < 0 || k >= n) throw new RangeError(`no element ${k} among ${n}`);
  let end = n;
  for (let i = 0; i < end;) {
    // NaN to the end, where a sort puts it; what is left compares consistently.
    if (Number.isNaN(values[i]!)) swap(values, i, --end);
    else i++;
  }
  if (k >= end) return Number.NaN;
  let left = 0;
  let right = end - 1;
  while (right > left) {
    const pivot = medianOfThree(values[left]!, values[(left + right) >> 1]!, values[right]!);
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) swap(values, i++, j--);
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k]!;
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

function swap(values: NumericArray, i: number, j: number): void {
  const held = values[i]!;
  values[i] = values[j]!;
  values[j] = held;
}
