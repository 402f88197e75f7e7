import type { MessageFacts } from '../message-facts.js';
import type { Reason, Signal } from '../signal.js';

const EXECUTABLE = /\.(exe|scr|com|pif|js|jse|vbs|vbe|wsf|wsh|hta|bat|cmd|ps1|psm1|msi|jar|cpl|reg|chm)$/i;
const SHORTCUT = /\.(lnk|url|scf)$/i;
const DISK_IMAGE = /\.(iso|img|vhd|vhdx|dmg)$/i;
const ONENOTE = /\.(one|onepkg)$/i;
const MACRO_EXT = /\.(docm|xlsm|pptm|xlsb|dotm|xltm|xlam|ppam)$/i;
const DOUBLE_EXT = /\.(pdf|docx?|xlsx?|jpe?g|png|txt)\.[a-z0-9]{2,4}$/i;
const PASSWORD_IN_BODY = /(パスワード|パスコード|暗証|password|passwd|PW|pass)\s*[:：は＝=]?\s*[「"]?[\x21-\x7e]{3,}/i;

/**
 * Attachments that run code or hide it: executables and scripts, shortcuts, disk images, OneNote,
 * macro-enabled Office (by extension or by a VBA project found inside), password-protected
 * archives (worse with the password in the body), archives padded to a huge declared size,
 * archives inside archives, and files that could not be read. Files inside a zip are judged too.
 */
export const attachmentSignal: Signal = {
  name: 'attachment',
  run(m) {
    return attachmentReasons(m);
  },
};

/** Reasons per attachment (also used to judge a first contact that carries active content). */
export function attachmentReasons(m: MessageFacts): Reason[] {
  const out: Reason[] = [];
  const passwordGiven = PASSWORD_IN_BODY.test(m.text);
  for (const a of m.attachments) {
    const name = a.filename.replace(/[\u202e\u200e\u200f]/g, '');
    if (a.filename !== name) out.push({ code: 'rtlo_filename', text: `ファイル名に文字の向きを反転させる制御文字があります（${name}）`, weight: 40 });
    if (EXECUTABLE.test(name)) out.push({ code: 'executable_attachment', text: `実行ファイル・スクリプトの添付（${name}）`, weight: 60 });
    else if (SHORTCUT.test(name)) out.push({ code: 'shortcut_attachment', text: `ショートカットファイルの添付（${name}）：開くとコマンドが実行されます`, weight: 60 });
    else if (DISK_IMAGE.test(name)) out.push({ code: 'disk_image_attachment', text: `ディスクイメージの添付（${name}）：中の実行ファイルを隠す手口です`, weight: 60 });
    else if (ONENOTE.test(name)) out.push({ code: 'onenote_attachment', text: `OneNote ファイルの添付（${name}）：埋め込みスクリプトに使われます`, weight: 50 });
    if (DOUBLE_EXT.test(name) && (EXECUTABLE.test(name) || SHORTCUT.test(name))) out.push({ code: 'double_extension', text: `二重拡張子で文書に見せかけています（${name}）`, weight: 15 });
    if (MACRO_EXT.test(name) || a.flags.includes('macro')) out.push({ code: 'macro_attachment', text: `マクロを含むOffice文書（${name}）`, weight: 40 });
    if (a.flags.includes('encrypted_archive')) {
      out.push({ code: 'encrypted_archive', text: `パスワード付きの圧縮ファイル（${name}）：中身を検査できません${passwordGiven ? '。本文にパスワードが書かれています' : ''}`, weight: passwordGiven ? 40 : 30 });
    }
    if (a.flags.includes('huge_declared_size')) out.push({ code: 'padded_archive', text: `展開後のサイズが異常に大きい圧縮ファイル（${name}）：検査回避の水増しの疑い`, weight: 45 });
    if (a.flags.includes('nested_archive')) out.push({ code: 'nested_archive', text: `圧縮ファイルの中に圧縮ファイル（${name}）：中身の検査を逃れる手口です`, weight: 30 });
    if (a.flags.includes('unreadable')) out.push({ code: 'unreadable_attachment', text: `中身を検査できない添付（${name}）：壊れているか細工されています`, weight: 20 });
  }
  return out;
}
