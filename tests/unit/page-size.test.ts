import { MAX_PAGE_SIZE } from '../../contracts';
import { capPageSize } from '../../payload-app/endpoints/page-size';

const capped = (query: string) => {
  const params = new URLSearchParams(query);
  const changed = capPageSize(params);
  return { changed, params };
};

describe('capPageSize', () => {
  it('leaves a page size within the cap alone', () => {
    const { changed, params } = capped('limit=25&page=2');
    expect(changed).toBe(false);
    expect(params.get('limit')).toBe('25');
  });

  it.each(['0', '-1', String(MAX_PAGE_SIZE + 1), '1e9', 'all', '2.5'])('caps limit=%s', (limit) => {
    expect(capped(`limit=${limit}`).params.get('limit')).toBe(String(MAX_PAGE_SIZE));
  });

  it('turns pagination=false back on with the largest page, and caps join limits', () => {
    const { params } = capped('pagination=false&joins[imageGallery][limit]=0');
    expect(params.has('pagination')).toBe(false);
    expect(params.get('limit')).toBe(String(MAX_PAGE_SIZE));
    expect(params.get('joins[imageGallery][limit]')).toBe(String(MAX_PAGE_SIZE));
  });

  it('does not let a repeated limit slip past', () => {
    expect(capped('limit=5&limit=0').params.getAll('limit')).toEqual([String(MAX_PAGE_SIZE)]);
  });
});
